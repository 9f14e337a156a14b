using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>One discovered service's function over a fresh table in DynamoDB Local, driven from its route table.</summary>
internal sealed class ServiceUnderTest
{
    private readonly DynamoDbFixture _dynamo;

    private ServiceUnderTest(DynamoDbFixture dynamo, HttpFunction function, string table, CapturingLogger log)
    {
        _dynamo = dynamo;
        Function = function;
        Table = table;
        Log = log;
    }

    public HttpFunction Function { get; }

    public string Table { get; }

    public CapturingLogger Log { get; }

    public IReadOnlyList<RouteSpec> Routes => Function.Router.Specs;

    public static async Task<ServiceUnderTest> CreateAsync(DynamoDbFixture dynamo, S3Fixture s3, string functionLogicalId)
    {
        var service = ServiceRouters.Services.Single(s => s.FunctionLogicalId == functionLogicalId);
        var table = await dynamo.CreateTableAsync();
        var log = new CapturingLogger();
        var function = service.CreateFunction(new ServiceDependencies(dynamo.Client, table, new CursorCodec("safety-net-" + Guid.NewGuid().ToString("N")), TimeProvider.System, log.Logger, Files: s3.Files));
        return new ServiceUnderTest(dynamo, function, table, log);
    }

    public Task<TestResponse> SendAsync(string method, string path, string? sub, string? body = null, Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null, bool base64 = false)
    {
        var request = ApiEvents.Request(method, path, sub, body, headers, query, base64);
        if (body is not null && headers is not null && headers.TryGetValue("content-type", out var contentType) && contentType.Length == 0)
        {
            request.Headers!.Remove("content-type");
        }

        return FunctionInvoker.InvokeAsync(Function, request);
    }

    /// <summary>
    /// Every item of the whole (fresh, per-test) table, serialized, in key order: what "unchanged" compares — not
    /// just the caller's partition, since a hostile key-like value would aim at someone else's.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamo.Client.ScanAsync(new ScanRequest { TableName = Table, ConsistentRead = true, ExclusiveStartKey = start });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return string.Join('\n', items.Select(Describe).Order(StringComparer.Ordinal));
    }

    /// <summary>Every item of <paramref name="sub"/>'s partition, serialized, in key order.</summary>
    public async Task<string> SnapshotAsync(string sub)
    {
        var items = await StoredItems.QueryAsync(_dynamo.Client, Table, sub, string.Empty);
        return string.Join('\n', items.Select(Describe).Order(StringComparer.Ordinal));
    }

    /// <summary>A route's path with its parameters filled in.</summary>
    public static string PathFor(RouteSpec route, string parameterValue) =>
        string.Join('/', route.Path.Split('/').Select(s => s.StartsWith('{') ? Uri.EscapeDataString(parameterValue) : s));

    public static bool HasPathParameters(RouteSpec route) => route.Path.Contains('{', StringComparison.Ordinal);

    /// <summary>Ids and cursors an answer hands out: what must never show up in another user's answers.</summary>
    public static IEnumerable<string> Secrets(TestResponse response)
    {
        if (response.Body.Length == 0 || !response.Body.TrimStart().StartsWith('{'))
        {
            yield break;
        }

        using var document = JsonDocument.Parse(response.Body);
        foreach (var value in Walk(document.RootElement))
        {
            yield return value;
        }
    }

    private static IEnumerable<string> Walk(JsonElement element, string? name = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var value in Walk(property.Value, property.Name))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var value in Walk(item, name))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValueKind.String when name is not null && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || name == "nextCursor"):
                yield return element.GetString()!;
                break;
        }
    }

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(';', item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Value(a.Value)));

    private static string Value(AttributeValue value) =>
        value.S ?? value.N ?? (value.BOOL is { } b ? b.ToString() : null)
        ?? (value.NULL == true ? "NULL" : null)
        ?? (value.SS is { Count: > 0 } ss ? "SS[" + string.Join(',', ss.Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.NS is { Count: > 0 } ns ? "NS[" + string.Join(',', ns.Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.BS is { Count: > 0 } bs ? "BS[" + string.Join(',', bs.Select(x => Convert.ToBase64String(x.ToArray())).Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.M is { Count: > 0 } m ? "{" + string.Join(',', m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Value(p.Value))) + "}" : null)
        ?? (value.L is { Count: > 0 } l ? "[" + string.Join(',', l.Select(Value)) + "]" : null)
        ?? (value.B is { } bytes ? Convert.ToBase64String(bytes.ToArray()) : null)
        ?? "∅";
}
