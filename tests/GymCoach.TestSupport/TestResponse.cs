using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GymCoach.Lambda.Http;

namespace GymCoach.TestSupport;

/// <summary>A payload 2.0 response read back, with helpers to look into its JSON body.</summary>
public sealed class TestResponse
{
    public TestResponse(HttpApiResponse response)
    {
        Raw = response;
        var body = response.Body ?? string.Empty;
        if (response.IsBase64Encoded)
        {
            var bytes = Convert.FromBase64String(body);
            if (Header("content-encoding") == "gzip")
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                gzip.CopyTo(output);
                bytes = output.ToArray();
            }

            body = Encoding.UTF8.GetString(bytes);
        }

        Body = body;
    }

    public HttpApiResponse Raw { get; }

    public int Status => Raw.StatusCode;

    public string Body { get; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) =>
        Raw.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null;

    public static TestResponse Parse(ReadOnlySpan<byte> payload) =>
        new(JsonSerializer.Deserialize(payload, HttpJsonContext.Default.HttpApiResponse)!);

    public override string ToString() => $"{Status} {Body}";
}
