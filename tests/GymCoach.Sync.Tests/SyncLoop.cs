using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Generator;
using GymCoach.Lambda.Http;
using GymCoach.LocalInfra;
using GymCoach.LocalInfra.Streams;
using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests;

/// <summary>
/// Sync in process over one DynamoDB Local table: Profiles, Exercises and Workouts write (built by the
/// service catalogue), the table's real stream is read by the emulated event source mapping of the template's
/// SyncLogFunction (its batch size and filters) and delivered to the change log's consumer, and the Sync HTTP
/// function answers GET /sync.
/// </summary>
internal sealed class SyncLoop : IAsyncDisposable
{
    private const string SigningKey = "test-key-for-sync-cursors-0123456789abcdef";

    public static readonly string[] Library = ["barbell-back-squat", "barbell-bench-press", "conventional-deadlift"];

    private static readonly Lazy<IReadOnlyList<IServiceDescription>> Services = new(() => ServiceCatalog.Discover());

    private readonly ServiceDependencies _dependencies;

    private SyncLoop(DynamoDbFixture dynamo, string table, HttpFunction sync, EventSourceMapping mapping, CapturingLogger log, ServiceDependencies dependencies)
    {
        _dependencies = dependencies;
        Dynamo = dynamo;
        Table = table;
        Sync = sync;
        Mapping = mapping;
        Log = log;
        Workouts = Service("WorkoutsFunction").CreateFunction(dependencies);
        Profiles = Service("ProfilesFunction").CreateFunction(dependencies);
        Exercises = Service("ExercisesFunction").CreateFunction(dependencies);
    }

    public DynamoDbFixture Dynamo { get; }

    public string Table { get; }

    public HttpFunction Sync { get; }

    public HttpFunction Workouts { get; }

    public HttpFunction Profiles { get; }

    public HttpFunction Exercises { get; }

    public EventSourceMapping Mapping { get; }

    public CapturingLogger Log { get; }

    /// <summary>A fresh table and the loop over it; <paramref name="syncClient"/> (to count or meter its requests) serves GET /sync.</summary>
    public static async Task<SyncLoop> StartAsync(DynamoDbFixture dynamo, IAmazonDynamoDB? syncClient = null, TimeProvider? time = null, bool mapStream = true)
    {
        var table = await dynamo.CreateTableAsync(stream: true);
        foreach (var id in Library)
        {
            await dynamo.Client.PutItemAsync(new PutItemRequest
            {
                TableName = table,
                Item = new()
                {
                    [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary),
                    [Keys.SortKey] = Attributes.S(Keys.Exercise(id)),
                    ["id"] = Attributes.S(id),
                    ["name"] = Attributes.S(id.Replace('-', ' ')),
                    ["primaryMuscles"] = Attributes.StringList(["quads"]),
                },
            });
        }

        var clock = time ?? TimeProvider.System;
        var log = new CapturingLogger();
        var writer = SyncFunction.CreateLog(dynamo.Client, table, clock, log.Logger);
        var arn = (await dynamo.Client.DescribeTableAsync(table)).Table.LatestStreamArn;
        var mapping = new EventSourceMapping(
            new StreamsApi(dynamo.Server.Endpoint, DynamoDbLocal.Region),
            arn,
            TemplateSource(),
            async (payload, _) => new StreamInvokeResult(false, await FunctionInvoker.InvokeAsync(writer, payload, TimeSpan.FromMinutes(1))),
            null,
            _ => { });
        if (mapStream)
        {
            mapping.Start();
        }

        var cursors = new CursorCodec(SigningKey, time: clock);
        var sync = SyncFunction.Create(syncClient ?? dynamo.Client, table, cursors, clock, log.Logger);
        return new SyncLoop(dynamo, table, sync, mapping, log, new ServiceDependencies(dynamo.Client, table, cursors, clock, log.Logger));
    }

    /// <summary>The change log consumer's event source as the template declares it.</summary>
    public static StreamEventSource TemplateSource()
    {
        var function = TemplateModel.Load().Functions.Single(f => f.LogicalId == "SyncLogFunction");
        var e = function.Properties.GetProperty("Events").EnumerateObject().Single(e => e.Name == "TableStream");
        return StreamEventSource.FromTemplate(e.Name, e.Value.GetProperty("Properties"));
    }

    /// <summary>Waits until every change written so far is in the log.</summary>
    public Task SettleAsync() => Mapping.CaughtUpAsync(TimeSpan.FromSeconds(30));

    public Task<TestResponse> SendAsync(HttpFunction function, string method, string path, string sub = "alice", string? body = null, Dictionary<string, string>? query = null, Dictionary<string, string>? headers = null) =>
        FunctionInvoker.InvokeAsync(function, ApiEvents.Request(method, path, sub, body, headers, query));

    public async Task<JsonElement> ExpectAsync(HttpFunction function, int status, string method, string path, string sub = "alice", string? body = null, Dictionary<string, string>? query = null, Dictionary<string, string>? headers = null)
    {
        var response = await SendAsync(function, method, path, sub, body, query, headers);
        Assert.True(response.Status == status, $"{method} {path}: expected {status}, got {response} {string.Join('\n', Log.Lines.Where(l => l.Contains("ERROR", StringComparison.Ordinal)).TakeLast(2))}");
        return response.Body.Length > 0 ? response.Json.Clone() : default;
    }

    /// <summary>One GET /sync page.</summary>
    public Task<JsonElement> SyncPageAsync(string sub, string? since, int? limit = null)
    {
        var query = new Dictionary<string, string>();
        if (since is not null)
        {
            query["since"] = since;
        }

        if (limit is not null)
        {
            query["limit"] = limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ExpectAsync(Sync, 200, "GET", "/sync", sub, query: query);
    }

    /// <summary>Syncs <paramref name="replica"/> until nothing more is waiting; answers the cursor to continue from and the pages read.</summary>
    public async Task<(string Cursor, int Pages)> SyncAsync(string sub, SyncReplica replica, string? since = null, int? limit = null)
    {
        var pages = 0;
        while (true)
        {
            var page = await SyncPageAsync(sub, since, limit);
            pages++;
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                replica.Apply(change);
            }

            since = page.GetProperty("nextCursor").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return (since, pages);
            }
        }
    }

    /// <summary>Starts a session, logs <paramref name="sets"/> (exercise, reps, kg) and completes it; returns its id.</summary>
    public async Task<string> TrainAsync(string sub, params (string ExerciseId, int Reps, double Kg)[] sets)
    {
        var id = (await ExpectAsync(Workouts, 201, "POST", "/workouts/sessions", sub, """{"name":"Training"}""")).GetProperty("id").GetString()!;
        foreach (var (exercise, reps, kg) in sets)
        {
            await ExpectAsync(Workouts, 201, "POST", $"/workouts/sessions/{id}/sets", sub, $$"""{"exerciseId":"{{exercise}}","reps":{{reps}},"weightKg":{{kg.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"type":"normal"}""");
        }

        await ExpectAsync(Workouts, 200, "POST", $"/workouts/sessions/{id}/complete", sub);
        return id;
    }

    /// <summary>Another service's HTTP function over this loop's table.</summary>
    public HttpFunction Function(string logicalId) => Service(logicalId).CreateFunction(_dependencies);

    private static IServiceDescription Service(string logicalId) => Services.Value.Single(s => s.FunctionLogicalId == logicalId);

    public async ValueTask DisposeAsync() => await Mapping.DisposeAsync();
}
