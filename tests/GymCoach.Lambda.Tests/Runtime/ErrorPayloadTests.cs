using System.Text.Json;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Tests.Runtime;

public sealed class ErrorPayloadTests
{
    [Fact]
    public void Create_HugeMessage_StaysUnderTheRuntimeApiLimit()
    {
        var exception = new InvalidOperationException(new string('x', 2_000_000));

        var payload = ErrorPayload.Create(exception);

        Assert.True(payload.Length <= ErrorPayload.MaxBytes, $"{payload.Length} bytes");
        using var document = JsonDocument.Parse(payload);
        Assert.EndsWith("(truncated)", document.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InnerException_IsNamedInTheStackTrace()
    {
        var exception = new InvalidOperationException("outer", new TimeoutException("inner"));

        using var document = JsonDocument.Parse(ErrorPayload.Create(exception));

        var frames = document.RootElement.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("---> TimeoutException: inner", frames);
    }
}
