using System.Buffers;
using System.Text.Json;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.CustomResources;

/// <summary>
/// A CloudFormation custom resource on the function core. Whatever happens — the handler throws, the event is
/// malformed, the deadline nears — it PUTs an answer to the request's pre-signed <c>ResponseURL</c> (an empty
/// Content-Type, as S3 pre-signed it), so the stack never waits for a timeout. The work is cut a margin before
/// the deadline (the context's token) to leave time for that PUT.
/// </summary>
public sealed class CustomResourceFunction : LambdaFunction
{
    private static readonly TimeSpan AnswerBudget = TimeSpan.FromSeconds(10);
    private readonly ICustomResourceHandler _handler;
    private readonly HttpClient _http;

    public CustomResourceFunction(ICustomResourceHandler handler, HttpClient? http = null, LambdaLogger? logger = null)
        : base(logger)
    {
        _handler = handler;
        _http = http ?? new HttpClient { Timeout = AnswerBudget };
    }

    protected override async ValueTask<InvocationSummary> InvokeAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        var request = CustomResourceRequest.Read(payload); // unreadable: a function error (there is no URL to answer)
        string status;
        string reason;
        var physicalId = request.PhysicalResourceId ?? $"{request.LogicalResourceId}-{request.RequestId}";
        IReadOnlyDictionary<string, string>? data = null;
        try
        {
            var result = request.RequestType switch
            {
                "Create" or "Update" => await _handler.ApplyAsync(request, context.CancellationToken).ConfigureAwait(false),
                "Delete" => await _handler.DeleteAsync(request, context.CancellationToken).ConfigureAwait(false),
                var other => throw new InvalidOperationException($"Unknown RequestType '{other}'."),
            };
            (status, reason, physicalId, data) = ("SUCCESS", result.Reason, result.PhysicalResourceId, result.Data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            status = "FAILED";
            reason = context.CancellationToken.IsCancellationRequested
                ? "The function ran out of time before the work finished; see its logs."
                : $"{ex.GetType().Name}: {ex.Message}";
            ReportError($"{request.RequestType} {request.LogicalResourceId} failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
        }

        await AnswerAsync(request, status, reason, physicalId, data).ConfigureAwait(false);
        using (var writer = new Utf8JsonWriter(response))
        {
            writer.WriteStartObject();
            writer.WriteString("Status", status);
            writer.WriteEndObject();
        }

        return new InvocationSummary(request.RequestType.ToUpperInvariant(), request.LogicalResourceId, status == "SUCCESS" ? 200 : 500);
    }

    private async Task AnswerAsync(CustomResourceRequest request, string status, string reason, string physicalId, IReadOnlyDictionary<string, string>? data)
    {
        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("Status", status);
            writer.WriteString("Reason", reason.Length > 1000 ? reason[..1000] : reason);
            writer.WriteString("PhysicalResourceId", physicalId);
            writer.WriteString("StackId", request.StackId);
            writer.WriteString("RequestId", request.RequestId);
            writer.WriteString("LogicalResourceId", request.LogicalResourceId);
            writer.WriteBoolean("NoEcho", false);
            writer.WriteStartObject("Data");
            foreach (var (name, value) in data ?? new Dictionary<string, string>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = null; // the URL was pre-signed for no Content-Type
        content.Headers.ContentLength = body.Length;
        using var put = new HttpRequestMessage(HttpMethod.Put, request.ResponseUrl) { Content = content };
        using var answered = await _http.SendAsync(put).ConfigureAwait(false);
        answered.EnsureSuccessStatusCode(); // not accepted: a function error, so Lambda retries the invocation
    }
}
