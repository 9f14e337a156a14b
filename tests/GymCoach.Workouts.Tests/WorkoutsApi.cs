using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests;

/// <summary>The Workouts function over a fresh table in DynamoDB Local, with a few library exercises in place.</summary>
internal sealed class WorkoutsApi
{
    public static readonly string[] LibraryIds = ["barbell-back-squat", "barbell-bench-press", "deadlift", "pull-up", "treadmill-run"];

    private WorkoutsApi(HttpFunction function, string table, IAmazonDynamoDB server, CapturingLogger log)
    {
        Function = function;
        Table = table;
        Server = server;
        Log = log;
    }

    public HttpFunction Function { get; }

    public string Table { get; }

    /// <summary>A client straight to DynamoDB Local, for reading what is really stored.</summary>
    public IAmazonDynamoDB Server { get; }

    public CapturingLogger Log { get; }

    /// <summary>The function over <paramref name="client"/> (default: the fixture's); with <paramref name="countRequests"/> its DynamoDB calls are counted into its metrics, as in Lambda.</summary>
    public static async Task<WorkoutsApi> CreateAsync(DynamoDbFixture dynamo, IAmazonDynamoDB? client = null, bool countRequests = false, TimeProvider? time = null)
    {
        var table = await dynamo.CreateTableAsync();
        foreach (var id in LibraryIds)
        {
            await dynamo.Client.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = new()
                {
                    [Keys.PartitionKey] = new AttributeValue { S = Keys.ExerciseLibrary },
                    [Keys.SortKey] = new AttributeValue { S = Keys.Exercise(id) },
                    ["id"] = new AttributeValue { S = id },
                    ["name"] = new AttributeValue { S = id.Replace('-', ' ') },
                },
            });
        }

        var log = new CapturingLogger();
        var function = WorkoutsFunction.Create(client ?? dynamo.Client, table, new CursorCodec("test-key-for-workout-cursors-0123456789"), time ?? TimeProvider.System, log.Logger);
        if (countRequests)
        {
            DynamoDbRequestMetrics.CountInto(client ?? throw new ArgumentException("Counting needs a client of the function's own."), function.Metrics);
        }

        return new WorkoutsApi(function, table, dynamo.Client, log);
    }

    public Task<TestResponse> SendAsync(string method, string path, string? sub = "alice", string? body = null, Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null) =>
        FunctionInvoker.InvokeAsync(Function, ApiEvents.Request(method, path, sub, body, headers, query));

    /// <summary>Sends and insists on <paramref name="status"/>, returning the JSON answer.</summary>
    public async Task<JsonElement> ExpectAsync(int status, string method, string path, string? body = null, string sub = "alice", Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null)
    {
        var response = await SendAsync(method, path, sub, body, headers, query);
        Assert.True(response.Status == status, $"{method} {path}: expected {status}, got {response} {Log.Lines.LastOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal))}");
        return response.Body.Length > 0 ? response.Json.Clone() : default;
    }

    public async Task<string> StartSessionAsync(string body = """{"name":"Legs"}""", string sub = "alice") =>
        (await ExpectAsync(201, "POST", "/workouts/sessions", body, sub)).GetProperty("id").GetString()!;

    public Task<List<Dictionary<string, AttributeValue>>> StoredAsync(string sub, string prefix) => StoredItems.QueryAsync(Server, Table, sub, prefix);

    /// <summary>The stored sets of one session (what really landed).</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> StoredSetsAsync(string sub, string sessionId) =>
        (await StoredAsync(sub, Keys.Session(sessionId))).Where(i => i[Keys.SortKey].S.Contains(Keys.SetInfix, StringComparison.Ordinal)).ToList();

    /// <summary>Values of <paramref name="metric"/> in the EMF documents logged since <paramref name="fromLine"/>, one per invocation that recorded it.</summary>
    public List<double> Metric(string metric, int fromLine = 0) =>
        Log.Lines.Skip(fromLine)
            .Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty(metric, out _))
            .Select(e => e.GetProperty(metric).GetDouble())
            .ToList();

    public static Dictionary<string, string> Key(string key) => new() { ["idempotency-key"] = key };

    public static Dictionary<string, string> IfMatch(long version) => new() { ["if-match"] = $"\"{version}\"" };

    public static string Set(string exercise = "barbell-back-squat", int reps = 5, double weight = 100, string? extra = null) =>
        $$"""{"exerciseId":"{{exercise}}","reps":{{reps}},"weightKg":{{weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}}{{(extra is null ? "" : "," + extra)}}}""";
}
