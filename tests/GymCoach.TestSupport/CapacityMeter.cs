using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace GymCoach.TestSupport;

/// <summary>
/// Asks DynamoDB (Local) for the capacity every request consumes (<c>ReturnConsumedCapacity: TOTAL</c>, added to
/// the request on its way) and adds up what comes back, per operation: the figure a cost table reports, read from
/// the server rather than computed from item sizes. DynamoDB Local does not check signatures, so the body can
/// change after signing; never point this at AWS.
/// </summary>
public sealed class CapacityMeter : DelegatingHandler
{
    public CapacityMeter()
        : base(new HttpClientHandler())
    {
    }

    /// <summary>Capacity units consumed, per operation (X-Amz-Target).</summary>
    public ConcurrentDictionary<string, double> Units { get; } = new();

    /// <summary>Requests, per operation.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    public double TotalUnits => Units.Values.Sum();

    public int TotalRequests => Requests.Values.Sum();

    public void Reset()
    {
        Units.Clear();
        Requests.Clear();
    }

    public HttpClientFactory ClientFactory() => new Factory(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First().Split('.').Last() : "?";
        if (request.Content is not null && target is "GetItem" or "BatchGetItem" or "Query" or "PutItem" or "UpdateItem" or "DeleteItem" or "TransactWriteItems" or "TransactGetItems" or "BatchWriteItem")
        {
            var body = JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
            body["ReturnConsumedCapacity"] = "TOTAL";
            var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = request.Content.Headers.ContentType;
            request.Content = content;
        }

        var response = await base.SendAsync(request, cancellationToken);
        Requests.AddOrUpdate(target, 1, (_, n) => n + 1);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode && text.Length > 0 && JsonNode.Parse(text) is JsonObject answer && answer["ConsumedCapacity"] is { } consumed)
        {
            var units = consumed is JsonArray list ? list.Sum(c => UnitsOf(c)) : UnitsOf(consumed);
            Units.AddOrUpdate(target, units, (_, n) => n + units);
        }

        var copy = new StringContent(text, Encoding.UTF8);
        copy.Headers.ContentType = response.Content.Headers.ContentType;
        response.Content = copy;
        return response;

        static double UnitsOf(JsonNode? capacity) => capacity?["CapacityUnits"]?.GetValue<double>() ?? 0;
    }

    private sealed class Factory(CapacityMeter handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
            new(handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
