using System.Net;
using System.Net.Http.Headers;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// HTTP client for the Lambda Runtime API (2018-06-01). One instance per process; its connection to the
/// local Runtime API endpoint is kept open across invokes. GET next has no timeout because the process is
/// frozen mid-request between invokes.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private const string ErrorContentType = "application/vnd.aws.lambda.error+json";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly string _base;

    public RuntimeApiClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        _base = $"http://{runtimeApi}/2018-06-01";
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Waits for the next event, reading its body into <paramref name="eventBuffer"/>.</summary>
    public async Task<Invocation> NextAsync(ReusableBuffer eventBuffer, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(
            $"{_base}/runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET /runtime/invocation/next answered {(int)response.StatusCode}.");
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("The Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddMinutes(15);

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await eventBuffer.ReadFromAsync(body, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);

        return new Invocation(
            requestId,
            deadline,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Client-Context"),
            Header(response, "Lambda-Runtime-Cognito-Identity"));
    }

    /// <summary>Posts the handler's answer. Returns false when Lambda rejected it as too large (413).</summary>
    public async Task<bool> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = JsonContentType;
        using var response = await _http.PostAsync(
            $"{_base}/runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            return false;
        }

        EnsureAccepted(response, "response");
        return true;
    }

    public Task PostErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken) =>
        PostErrorCoreAsync($"{_base}/runtime/invocation/{Uri.EscapeDataString(requestId)}/error", exception, cancellationToken);

    public Task PostInitErrorAsync(Exception exception, CancellationToken cancellationToken) =>
        PostErrorCoreAsync($"{_base}/runtime/init/error", exception, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostErrorCoreAsync(string url, Exception exception, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(ErrorPayload.Create(exception));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", ErrorPayload.ErrorType(exception));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureAccepted(response, "error");
    }

    private static void EnsureAccepted(HttpResponseMessage response, string what)
    {
        if ((int)response.StatusCode >= 500)
        {
            throw new RuntimeApiException($"POST {what} answered {(int)response.StatusCode}.");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
