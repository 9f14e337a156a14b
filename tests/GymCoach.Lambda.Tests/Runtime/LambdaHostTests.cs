using System.Text;
using System.Text.Json;
using GymCoach.Lambda.Runtime;
using GymCoach.LocalInfra;

namespace GymCoach.Lambda.Tests.Runtime;

public sealed class LambdaHostTests
{
    [Fact]
    public async Task RunAsync_HandlerSucceeds_PostsItsResponse()
    {
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler((payload, _) =>
            ValueTask.FromResult($"{{\"echo\":{Encoding.UTF8.GetString(payload.Span)}}}")));

        var result = await runtime.InvokeAsync("{\"n\":1}");

        Assert.Equal(InvocationOutcome.Response, result.Outcome);
        Assert.Equal("{\"echo\":{\"n\":1}}", Encoding.UTF8.GetString(result.Body));
    }

    [Fact]
    public async Task RunAsync_SeveralInvokes_ServesThemInOrderWithOneLoop()
    {
        var count = 0;
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler((_, context) =>
            ValueTask.FromResult($"{{\"n\":{Interlocked.Increment(ref count)},\"cold\":{(context.IsColdStart ? "true" : "false")}}}")));

        var first = await runtime.InvokeAsync("{}");
        var second = await runtime.InvokeAsync("{}");

        Assert.Equal("{\"n\":1,\"cold\":true}", Encoding.UTF8.GetString(first.Body));
        Assert.Equal("{\"n\":2,\"cold\":false}", Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorWithTypeHeaderAndBody()
    {
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler((_, _) =>
            throw new InvalidOperationException("the bar fell")));

        var result = await runtime.InvokeAsync("{}");

        Assert.Equal(InvocationOutcome.FunctionError, result.Outcome);
        Assert.Equal("InvalidOperationException", result.ErrorType);
        using var body = JsonDocument.Parse(result.Body);
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("the bar fell", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.NotEqual(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsThenSucceeds_KeepsServing()
    {
        var calls = 0;
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler((_, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new FormatException("bad") : ValueTask.FromResult("{\"ok\":true}")));

        var failed = await runtime.InvokeAsync("{}");
        var succeeded = await runtime.InvokeAsync("{}");

        Assert.Equal(InvocationOutcome.FunctionError, failed.Outcome);
        Assert.Equal(InvocationOutcome.Response, succeeded.Outcome);
    }

    [Fact]
    public async Task RunAsync_InitThrows_PostsInitErrorAndExitsNonZero()
    {
        await using var runtime = await RuntimeFixture.StartAsync(() => throw new InvalidDataException("no table"));

        var exitCode = await runtime.Loop.WaitAsync(TimeSpan.FromSeconds(10));
        var initError = await runtime.Server.InitError.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(LambdaHost.FailureExitCode, exitCode);
        Assert.Equal("InvalidDataException", initError.ErrorType);
        using var body = JsonDocument.Parse(initError.Body);
        Assert.Equal("no table", body.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task RunAsync_RuntimeApiAnswers500_ExitsNonZero()
    {
        await using var runtime = await RuntimeFixture.StartAsync(
            () => new DelegateHandler((_, _) => ValueTask.FromResult("{}")),
            server => server.FailNextGets());

        var exitCode = await runtime.Loop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaHost.FailureExitCode, exitCode);
    }

    [Fact]
    public async Task RunAsync_EachInvoke_SetsTraceIdEnvironmentVariable()
    {
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler((_, context) =>
            ValueTask.FromResult(JsonSerializer.Serialize(
                Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") + "|" + context.TraceId, LambdaTestsJson.Default.String))));

        var first = await runtime.InvokeAsync("{}", traceId: "Root=1-aaaaaaaa-111111111111111111111111;Sampled=1");
        var second = await runtime.InvokeAsync("{}", traceId: "Root=1-bbbbbbbb-222222222222222222222222;Sampled=0");

        Assert.Equal("\"Root=1-aaaaaaaa-111111111111111111111111;Sampled=1|Root=1-aaaaaaaa-111111111111111111111111;Sampled=1\"", Encoding.UTF8.GetString(first.Body));
        Assert.Equal("\"Root=1-bbbbbbbb-222222222222222222222222;Sampled=0|Root=1-bbbbbbbb-222222222222222222222222;Sampled=0\"", Encoding.UTF8.GetString(second.Body));
    }

    [Fact]
    public async Task RunAsync_DeadlineNears_CancelsTheHandlersTokenAMarginBefore()
    {
        var cancelledAt = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runtime = await RuntimeFixture.StartAsync(() => new DelegateHandler(async (payload, context) =>
        {
            if (payload.Length > 2)
            {
                return "{}"; // the warm-up: the first request of the emulated Runtime API is slow to arrive
            }

            // Read the time left when the token fires (its callback), not when this continuation is next scheduled:
            // on a loaded machine the latter can come hundreds of milliseconds later.
            using var registration = context.CancellationToken.Register(() => cancelledAt.TrySetResult(context.RemainingTime));
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return "{\"cancelled\":true}";
        }), margin: TimeSpan.FromMilliseconds(500));
        await runtime.InvokeAsync("{\"warm\":1}");

        _ = runtime.InvokeAsync("{}", timeout: TimeSpan.FromMilliseconds(1500));
        var remaining = await cancelledAt.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // Fired with the margin left (time to answer and clean up), not at the deadline itself: never more than the
        // margin before it, and before it (a token fired at the deadline leaves nothing; the slack is a loaded timer's).
        Assert.True(remaining > TimeSpan.Zero && remaining <= TimeSpan.FromMilliseconds(520), $"cancelled with {remaining} left");
    }
}
