using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace GymCoach.TestSupport;

/// <summary>
/// Sits between the AWS SDK and DynamoDB Local and makes it misbehave the way real DynamoDB can but Local
/// will not on demand: leave part of a batch unprocessed (those items are really not sent), throttle, answer
/// 500, hang past the client's timeout, or add a fixed round-trip latency. It counts what really reached
/// the server, so tests can prove nothing was lost or written twice.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly Random _random;
    private int _throttleNext;
    private int _failNext;
    private int _hangNext;
    private int _loseNext;
    private int _hangTargetNext;
    private string? _hangTarget;
    private string? _loseTarget;

    public FaultInjectingHandler(int seed = 7)
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        _random = new Random(seed);
    }

    /// <summary>Share of batch items (writes and get keys) left unprocessed in each batch call.</summary>
    public double UnprocessedFraction { get; set; }

    /// <summary>When true, every request is throttled.</summary>
    public bool ThrottleAll { get; set; }

    /// <summary>Fixed delay added to every request, as a network round trip.</summary>
    public TimeSpan Latency { get; set; }

    public TimeSpan HangTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Share of requests (any operation) that meet one fault, picked at random among <see cref="Fault"/>'s kinds:
    /// throttled, a 500, the connection reset before the request is sent, a hang past the client's timeout
    /// (<see cref="HangTime"/>), or the connection reset after the server applied the request (its answer lost).
    /// </summary>
    public double FaultRate { get; set; }

    /// <summary>How many faults of each kind <see cref="FaultRate"/> injected.</summary>
    public ConcurrentDictionary<Fault, int> Injected { get; } = new();

    /// <summary>The same, by operation and kind (<c>TransactWriteItems/ResetAfterApplying</c>).</summary>
    public ConcurrentDictionary<string, int> InjectedByOperation { get; } = new();

    /// <summary>Requests per operation (X-Amz-Target) that were sent to the server.</summary>
    public ConcurrentDictionary<string, int> Forwarded { get; } = new();

    /// <summary>How many times each written key (PK|SK) was actually sent to the server.</summary>
    public ConcurrentDictionary<string, int> WritesReceived { get; } = new();

    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttleNext, count);

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public void HangNext(int count) => Interlocked.Exchange(ref _hangNext, count);

    /// <summary>The next <paramref name="count"/> requests of <paramref name="target"/> hang for <see cref="HangTime"/> before reaching the server.</summary>
    public void HangNext(int count, string target)
    {
        _hangTarget = target;
        Interlocked.Exchange(ref _hangTargetNext, count);
    }

    /// <summary>
    /// The next <paramref name="count"/> requests of <paramref name="target"/> (e.g. PutItem) reach the server and
    /// take effect, but their response is lost: the caller waits until its own timeout, as on a dropped connection.
    /// </summary>
    public void LoseResponseNext(int count, string target)
    {
        _loseTarget = target;
        Interlocked.Exchange(ref _loseNext, count);
    }

    /// <summary>
    /// Throttles every request for which this returns true, given the operation (X-Amz-Target) and the JSON body
    /// — e.g. only the UpdateItem that completes an idempotency record. Null: none.
    /// </summary>
    public Func<string, string, bool>? ThrottleWhere { get; set; }

    /// <summary>An SDK client config whose HTTP goes through this handler.</summary>
    public HttpClientFactory ClientFactory() => new Factory(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }

        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First().Split('.').Last() : "?";
        if (FaultRate > 0 && NextFault() is { } fault)
        {
            Injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
            InjectedByOperation.AddOrUpdate($"{target}/{fault}", 1, (_, n) => n + 1);
            switch (fault)
            {
                case Fault.Throttled:
                    return Error(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.");
                case Fault.ServerError:
                    return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Internal server error");
                case Fault.ResetBeforeSending:
                    throw new HttpRequestException("Connection reset by peer (injected, before the request was sent).");
                case Fault.Timeout:
                    await Task.Delay(HangTime, cancellationToken);
                    break;
                case Fault.ResetAfterApplying:
                    Forwarded.AddOrUpdate(target, 1, (_, n) => n + 1);
                    using (await base.SendAsync(request, cancellationToken))
                    {
                        throw new HttpRequestException("Connection reset by peer (injected, after the server applied the request).");
                    }
            }
        }

        if (ThrottleWhere is { } predicate && request.Content is not null)
        {
            var json = await request.Content.ReadAsStringAsync(cancellationToken);
            var contentType = request.Content.Headers.ContentType;
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType;
            if (predicate(target, json))
            {
                return Error(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.");
            }
        }

        if (ThrottleAll || Interlocked.Decrement(ref _throttleNext) >= 0)
        {
            return Error(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded.");
        }

        if (Interlocked.Decrement(ref _failNext) >= 0)
        {
            return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Internal server error");
        }

        if (Interlocked.Decrement(ref _hangNext) >= 0 || (target == _hangTarget && Interlocked.Decrement(ref _hangTargetNext) >= 0))
        {
            await Task.Delay(HangTime, cancellationToken);
        }

        if (target is "BatchWriteItem" or "BatchGetItem" && request.Content is not null)
        {
            return await BatchAsync(request, target, cancellationToken);
        }

        Forwarded.AddOrUpdate(target, 1, (_, n) => n + 1);
        if (target == _loseTarget && Interlocked.Decrement(ref _loseNext) >= 0)
        {
            using var delivered = await base.SendAsync(request, cancellationToken);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> BatchAsync(HttpRequestMessage request, string target, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var requestItems = body["RequestItems"]!.AsObject();
        var table = requestItems.First().Key;
        var isWrite = target == "BatchWriteItem";
        var items = isWrite ? requestItems[table]!.AsArray() : requestItems[table]!["Keys"]!.AsArray();

        var kept = new JsonArray();
        var dropped = new JsonArray();
        foreach (var item in items.ToList())
        {
            items.Remove(item);
            lock (_random)
            {
                (_random.NextDouble() < UnprocessedFraction ? dropped : kept).Add(item);
            }
        }

        JsonObject response;
        if (kept.Count == 0)
        {
            response = isWrite ? new JsonObject { ["UnprocessedItems"] = new JsonObject() } : new JsonObject { ["Responses"] = new JsonObject { [table] = new JsonArray() }, ["UnprocessedKeys"] = new JsonObject() };
        }
        else
        {
            if (isWrite)
            {
                requestItems[table] = kept;
                foreach (var write in kept)
                {
                    var key = write!["PutRequest"]?["Item"] ?? write["DeleteRequest"]!["Key"];
                    WritesReceived.AddOrUpdate($"{key!["PK"]!["S"]}|{key["SK"]!["S"]}", 1, (_, n) => n + 1);
                }
            }
            else
            {
                requestItems[table]!["Keys"] = kept;
            }

            using var forwarded = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            forwarded.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            forwarded.Content.Headers.ContentType = request.Content!.Headers.ContentType;
            Forwarded.AddOrUpdate(target, 1, (_, n) => n + 1);
            using var real = await base.SendAsync(forwarded, cancellationToken);
            if (!real.IsSuccessStatusCode)
            {
                return Error(real.StatusCode, "Forwarded", await real.Content.ReadAsStringAsync(cancellationToken));
            }

            response = JsonNode.Parse(await real.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
        }

        if (dropped.Count > 0)
        {
            if (isWrite)
            {
                (response["UnprocessedItems"] ??= new JsonObject()).AsObject()[table] = dropped;
            }
            else
            {
                (response["UnprocessedKeys"] ??= new JsonObject()).AsObject()[table] = new JsonObject { ["Keys"] = dropped };
            }
        }

        return Json(HttpStatusCode.OK, response.ToJsonString());
    }

    private Fault? NextFault()
    {
        lock (_random)
        {
            return _random.NextDouble() < FaultRate ? (Fault)_random.Next(5) : null;
        }
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message) =>
        Json(status, new JsonObject { ["__type"] = "com.amazonaws.dynamodb.v20120810#" + type, ["message"] = message }.ToJsonString());

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
        return response;
    }

    private sealed class Factory(FaultInjectingHandler handler) : HttpClientFactory
    {
        // The SDK's own factory applies the configured Timeout to the HttpClient; a custom factory must too.
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}

/// <summary>The faults <see cref="FaultInjectingHandler.FaultRate"/> picks from.</summary>
public enum Fault
{
    Throttled,
    ServerError,
    ResetBeforeSending,
    Timeout,
    ResetAfterApplying,
}
