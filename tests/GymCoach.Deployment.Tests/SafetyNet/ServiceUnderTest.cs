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

    private ServiceUnderTest(DynamoDbFixture dynamo, HttpFunction function, string table, CapturingLogger log, TableMirror mirror)
    {
        _dynamo = dynamo;
        Function = function;
        Table = table;
        Log = log;
        Mirror = mirror;
    }

    public HttpFunction Function { get; }

    public string Table { get; }

    public CapturingLogger Log { get; }

    public IReadOnlyList<RouteSpec> Routes => Function.Router.Specs;

    /// <summary>The table as last seen, kept current from the keys the function's own client writes.</summary>
    public TableMirror Mirror { get; }

    public static async Task<ServiceUnderTest> CreateAsync(DynamoDbFixture dynamo, S3Fixture s3, string functionLogicalId)
    {
        var service = ServiceRouters.Services.Single(s => s.FunctionLogicalId == functionLogicalId);
        var table = await dynamo.CreateTableAsync();
        var log = new CapturingLogger();
        var mirror = TableMirror.For(dynamo.Client, table);
        var client = dynamo.CreateFaultyClient(mirror.Recorder, maxErrorRetry: 2, timeout: TimeSpan.FromSeconds(100)); // records the keys it writes; fails nothing; the SDK's own timeout
        var function = service.CreateFunction(new ServiceDependencies(client, table, new CursorCodec("safety-net-" + Guid.NewGuid().ToString("N")), TimeProvider.System, log.Logger, Files: s3.Files));
        return new ServiceUnderTest(dynamo, function, table, log, mirror);
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

    /// <summary>Every item of <paramref name="sub"/>'s partition, serialized, in key order.</summary>
    public async Task<string> SnapshotAsync(string sub)
    {
        var items = await StoredItems.QueryAsync(_dynamo.Client, Table, sub, string.Empty);
        return string.Join('\n', items.Select(StoredItemText.Describe).Order(StringComparer.Ordinal));
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
}
