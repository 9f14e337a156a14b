using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Http;
using GymCoach.LocalInfra;
using GymCoach.LocalInfra.Streams;
using GymCoach.TestSupport;
using GymCoach.Generator;

namespace GymCoach.Analytics.Tests;

/// <summary>
/// The whole analytics loop in process over one DynamoDB Local table: Workouts and Profiles write, the table's
/// real stream is read by the emulated event source mapping (the template's batch size, filter and failure
/// rules) and delivered to the Analytics stream function, and the Analytics HTTP function reads the result.
/// </summary>
internal sealed class AnalyticsLoop : IAsyncDisposable
{
    public static readonly (string Id, string[] Muscles)[] Library =
    [
        ("barbell-back-squat", ["quads", "glutes"]),
        ("barbell-bench-press", ["chest", "triceps"]),
        ("conventional-deadlift", ["hamstrings", "glutes", "lower-back"]),
        ("overhead-press", ["front-delts"]),
        ("pull-up", ["lats"]),
    ];

    private static readonly CursorCodec Cursors = new("test-key-for-analytics-cursors-0123456789");

    private AnalyticsLoop(DynamoDbFixture dynamo, string table, HttpFunction workouts, HttpFunction profiles, HttpFunction analytics, DynamoDbStreamFunction stream, EventSourceMapping mapping, EventSourceMapping jobMapping, CapturingLogger log)
    {
        JobMapping = jobMapping;
        Dynamo = dynamo;
        Table = table;
        Workouts = workouts;
        Profiles = profiles;
        Analytics = analytics;
        Stream = stream;
        Mapping = mapping;
        Log = log;
    }

    public DynamoDbFixture Dynamo { get; }

    public string Table { get; }

    public HttpFunction Workouts { get; }

    public HttpFunction Profiles { get; }

    public HttpFunction Analytics { get; }

    public DynamoDbStreamFunction Stream { get; }

    /// <summary>The aggregates mapping (the template's <c>TableStream</c>).</summary>
    public EventSourceMapping Mapping { get; }

    /// <summary>The rebuilds' mapping (the template's <c>RecomputeJobs</c>).</summary>
    public EventSourceMapping JobMapping { get; }

    public CapturingLogger Log { get; }

    /// <summary>One of the stream function's event sources as the template declares it.</summary>
    public static StreamEventSource TemplateSource(string eventName = "TableStream")
    {
        var function = TemplateModel.Load().Functions.Single(f => f.LogicalId == "AnalyticsStreamFunction");
        var e = function.Properties.GetProperty("Events").EnumerateObject().Single(e => e.Name == eventName);
        return StreamEventSource.FromTemplate(e.Name, e.Value.GetProperty("Properties"));
    }

    /// <summary>A fresh table and the loop over it; <paramref name="analyticsClient"/> (to count its requests) serves the Analytics HTTP function.</summary>
    public static async Task<AnalyticsLoop> StartAsync(DynamoDbFixture dynamo, IAmazonDynamoDB? analyticsClient = null, TimeProvider? time = null, bool mapStream = true, int? recomputePageSize = null, bool mapJobs = true, TimeSpan? invocationTime = null)
    {
        var table = await dynamo.CreateTableAsync(stream: true);
        foreach (var (id, muscles) in Library)
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
                    ["primaryMuscles"] = Attributes.StringList(muscles),
                },
            });
        }

        var clock = time ?? TimeProvider.System;
        var log = new CapturingLogger();
        var stream = AnalyticsFunction.CreateStream(dynamo.Client, table, clock, log.Logger, recomputePageSize);
        var arn = (await dynamo.Client.DescribeTableAsync(table)).Table.LatestStreamArn;
        var mapping = new EventSourceMapping(new StreamsApi(dynamo.Server.Endpoint, DynamoDbLocal.Region), arn, TemplateSource(), (payload, _) => InvokeAsync(stream, payload, invocationTime), null, _ => { });
        var jobMapping = new EventSourceMapping(new StreamsApi(dynamo.Server.Endpoint, DynamoDbLocal.Region), arn, TemplateSource("RecomputeJobs"), (payload, _) => InvokeAsync(stream, payload, invocationTime), null, _ => { });
        if (mapStream)
        {
            mapping.Start();
            if (mapJobs)
            {
                jobMapping.Start();
            }
        }

        return new AnalyticsLoop(
            dynamo,
            table,
            Service("WorkoutsFunction").CreateFunction(new ServiceDependencies(dynamo.Client, table, Cursors, clock, log.Logger)),
            Service("ProfilesFunction").CreateFunction(new ServiceDependencies(dynamo.Client, table, Cursors, clock, log.Logger)),
            analyticsClient is null ? AnalyticsFunction.Create(dynamo.Client, table, Cursors, clock, log.Logger) : Counted(AnalyticsFunction.Create(analyticsClient, table, Cursors, clock, log.Logger), analyticsClient),
            stream,
            mapping,
            jobMapping,
            log);
    }

    /// <summary>Counts every DynamoDB call of <paramref name="function"/> into its metrics, as in Lambda.</summary>
    private static HttpFunction Counted(HttpFunction function, IAmazonDynamoDB client)
    {
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    /// <summary>The values of one EMF metric in the log lines from <paramref name="fromLine"/> on.</summary>
    public List<double> Metric(string metric, int fromLine = 0) =>
        Log.Lines.Skip(fromLine)
            .Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty(metric, out _))
            .Select(e => e.GetProperty(metric).GetDouble())
            .ToList();

    private static readonly Lazy<IReadOnlyList<IServiceDescription>> Services = new(() => ServiceCatalog.Discover());

    private static IServiceDescription Service(string logicalId) => Services.Value.Single(s => s.FunctionLogicalId == logicalId);

    /// <summary>Invokes the stream function in process as Lambda would, with a minute to run (or <paramref name="time"/>).</summary>
    public static async Task<StreamInvokeResult> InvokeAsync(DynamoDbStreamFunction function, byte[] payload, TimeSpan? time = null)
    {
        var buffer = new GymCoach.Lambda.Runtime.ReusableBuffer();
        var budget = time ?? TimeSpan.FromMinutes(1);
        using var cts = new CancellationTokenSource(budget - TimeSpan.FromSeconds(5));
        var context = new GymCoach.Lambda.Runtime.InvocationContext("req-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow + budget, "arn:aws:lambda:local", "Root=1-test", false, cts.Token);
        try
        {
            await function.HandleAsync(payload, buffer, context);
            return new StreamInvokeResult(false, buffer.WrittenSpan.ToArray());
        }
        catch (FormatException)
        {
            return new StreamInvokeResult(true, []);
        }
    }

    /// <summary>Waits until every change written so far has been delivered (and applied, or dead-lettered).</summary>
    public async Task SettleAsync()
    {
        // Twice round: a rebuild's segment writes digests the aggregates mapping then reads, and a hand-over writes a record the jobs mapping reads.
        for (var round = 0; round < 2; round++)
        {
            await Mapping.CaughtUpAsync(TimeSpan.FromSeconds(30));
            await JobMapping.CaughtUpAsync(TimeSpan.FromSeconds(30));
        }
    }

    public Task<TestResponse> SendAsync(HttpFunction function, string method, string path, string sub = "alice", string? body = null, Dictionary<string, string>? query = null, Dictionary<string, string>? headers = null) =>
        FunctionInvoker.InvokeAsync(function, ApiEvents.Request(method, path, sub, body, headers, query));

    public async Task<JsonElement> ExpectAsync(HttpFunction function, int status, string method, string path, string sub = "alice", string? body = null, Dictionary<string, string>? query = null, Dictionary<string, string>? headers = null)
    {
        var response = await SendAsync(function, method, path, sub, body, query, headers);
        Assert.True(response.Status == status, $"{method} {path}: expected {status}, got {response} {string.Join('\n', Log.Lines.Where(l => l.Contains("ERROR", StringComparison.Ordinal)).TakeLast(2))}");
        return response.Body.Length > 0 ? response.Json.Clone() : default;
    }

    /// <summary>Starts a session, logs <paramref name="sets"/> (exercise, reps, kg, type) and completes it; returns its id.</summary>
    public async Task<string> TrainAsync(string sub, params (string ExerciseId, int Reps, double Kg, string Type)[] sets)
    {
        var id = (await ExpectAsync(Workouts, 201, "POST", "/workouts/sessions", sub, """{"name":"Training"}""")).GetProperty("id").GetString()!;
        foreach (var (exercise, reps, kg, type) in sets)
        {
            await ExpectAsync(Workouts, 201, "POST", $"/workouts/sessions/{id}/sets", sub, $$"""{"exerciseId":"{{exercise}}","reps":{{reps}},"weightKg":{{kg.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"type":"{{type}}"}""");
        }

        await ExpectAsync(Workouts, 200, "POST", $"/workouts/sessions/{id}/complete", sub);
        return id;
    }

    /// <summary>Every derived item of the user except jobs and cached series, by sort key: what "the aggregates" are.</summary>
    public async Task<SortedDictionary<string, string>> AggregatesAsync(string sub)
    {
        var items = await StoredItems.QueryAsync(Dynamo.Client, Table, sub, Keys.AnalyticsPrefix);
        return new SortedDictionary<string, string>(
            items.Where(i => !i[Keys.SortKey].S.StartsWith(Keys.AnalyticsJobPrefix, StringComparison.Ordinal) && !i[Keys.SortKey].S.StartsWith(Keys.AnalyticsCachePrefix, StringComparison.Ordinal))
                .ToDictionary(i => i[Keys.SortKey].S, i => i["data"].S),
            StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Mapping.DisposeAsync();
        await JobMapping.DisposeAsync();
    }
}
