using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics;
using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Local;
using GymCoach.LocalInfra;
using GymCoach.Generator;
using GymCoach.TestSupport;

namespace GymCoach.Measure;

/// <summary>
/// The Analytics figures of its issue. <c>handler</c>: GET /analytics/dashboard in process over DynamoDB Local for a
/// user with history, beside a floor (an unknown route through the same handler). <c>stack</c>: the same through the
/// local stack (gateway, JWT, emulator, AOT binary), beside the gateway's own 404. <c>stream</c>: the stream
/// handler's throughput for 100-record batches — 100 users with one new session each (nothing to coalesce), and
/// 100 records of one user (coalesced into one update).
/// </summary>
internal static class AnalyticsFigures
{
    private const int WarmUp = 300;
    private static readonly CursorCodec Cursors = new("analytics-figures-cursor-key-0123456789");
    private static readonly LambdaLogger Quiet = new(Stream.Null, "analytics", json: true);

    public static async Task<int> DashboardHandlerAsync(int requests)
    {
        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        var table = await TableAsync(client);
        var workouts = Workouts(client, table);
        for (var i = 0; i < 20; i++)
        {
            await TrainAsync(workouts, "lifter", 8);
        }

        await Updater(client, table).UpdateAsync(UserChanges.Rebuild("lifter"), CancellationToken.None);
        var analytics = AnalyticsFunction.Create(client, table, Cursors, TimeProvider.System, Quiet);
        var floor = await LoopAsync(requests, async _ => (await FunctionInvoker.InvokeAsync(analytics, ApiEvents.Request("GET", "/analytics/nothing-here", "lifter"))).Status == 404);
        var dashboard = await LoopAsync(requests, async _ => (await FunctionInvoker.InvokeAsync(analytics, ApiEvents.Request("GET", "/analytics/dashboard", "lifter"))).Status == 200);
        Report("floor: an unknown route through the Analytics handler", requests, floor);
        Report("GET /analytics/dashboard through the handler (DynamoDB Local, 20 sessions of history)", requests, dashboard);
        return 0;
    }

    public static async Task<int> DashboardStackAsync(int requests)
    {
        var lines = new List<string>();
        await using var stack = await LocalStack.StartAsync(new LocalStackOptions { Port = FreePort.Next(), InMemory = true, Log = lines.Add });
        var token = stack.Tokens.Issue("lifter", TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };

        async Task<(int Status, string Body)> Send(HttpMethod method, string path, string? body = null)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var clock = Stopwatch.StartNew();
        var session = JsonDocument.Parse((await Send(HttpMethod.Post, "/workouts/sessions", "{}")).Body).RootElement.GetProperty("id").GetString();
        for (var i = 0; i < 5; i++)
        {
            await Send(HttpMethod.Post, $"/workouts/sessions/{session}/sets", """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":100}""");
        }

        await Send(HttpMethod.Post, $"/workouts/sessions/{session}/complete");
        var completed = clock.Elapsed;
        while (JsonDocument.Parse((await Send(HttpMethod.Get, "/analytics/dashboard")).Body).RootElement.GetProperty("totals").GetProperty("sessions").GetInt32() == 0)
        {
            await Task.Delay(20);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"complete → dashboard shows it: {(clock.Elapsed - completed).TotalMilliseconds:F0} ms (through the emulated event source mapping)"));
        var floor = await LoopAsync(requests, async _ => (await Send(HttpMethod.Get, "/analytics/nothing-here")).Status == 404);
        var dashboard = await LoopAsync(requests, async _ => (await Send(HttpMethod.Get, "/analytics/dashboard")).Status == 200);
        Report("floor: an unknown route through the local stack (gateway 404, no invoke)", requests, floor);
        Report("GET /analytics/dashboard through the local stack (gateway, JWT, emulator, AOT binary, DynamoDB Local)", requests, dashboard);
        return 0;
    }

    public static async Task<int> StreamThroughputAsync()
    {
        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        var table = await TableAsync(client);
        var workouts = Workouts(client, table);
        var users = new List<(string User, string Session)>();
        for (var i = 0; i < 100; i++)
        {
            users.Add(("u" + i, await TrainAsync(workouts, "u" + i, 6)));
        }

        var stream = AnalyticsFunction.CreateStream(client, table, TimeProvider.System, Quiet);
        var distinct = Batch(users);
        var single = Batch(Enumerable.Repeat(users[0], 100).ToList());
        await InvokeAsync(stream, distinct);
        foreach (var (name, batch) in new[] { ("100 records of 100 users (one update each)", distinct), ("100 records of one user (coalesced into one update)", single) })
        {
            var samples = new List<double>();
            for (var run = 0; run < 7; run++)
            {
                var clock = Stopwatch.StartNew();
                await InvokeAsync(stream, batch);
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            var median = Stats.Median(samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream handler, {name}: median of 7 batches {median:F0} ms = {100 / (median / 1000):F0} records/s"));
        }

        return 0;
    }

    private static byte[] Batch(List<(string User, string Session)> records) =>
        StreamEvents.Keys(records.Select(r => (r.User, Keys.Session(r.Session))));

    private static async Task InvokeAsync(IInvocationHandler stream, byte[] payload)
    {
        var buffer = new ReusableBuffer();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await stream.HandleAsync(payload, buffer, new InvocationContext("req", DateTimeOffset.UtcNow.AddMinutes(1), "arn", "Root=1", false, cts.Token));
        if (!Encoding.UTF8.GetString(buffer.WrittenSpan).Contains("\"batchItemFailures\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The batch reported failures: " + Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private static async Task<string> TableAsync(IAmazonDynamoDB client)
    {
        const string table = "gymcoach-analytics-figures";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new() { [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary), [Keys.SortKey] = Attributes.S(Keys.Exercise("barbell-back-squat")), ["id"] = Attributes.S("barbell-back-squat"), ["primaryMuscles"] = Attributes.StringList(["quads", "glutes"]) },
        });
        return table;
    }

    private static HttpFunction Workouts(IAmazonDynamoDB client, string table) =>
        ServiceCatalog.Discover().Single(s => s.FunctionLogicalId == "WorkoutsFunction").CreateFunction(new ServiceDependencies(client, table, Cursors, TimeProvider.System, Quiet));

    private static AggregateUpdater Updater(IAmazonDynamoDB client, string table)
    {
        var batch = new BatchOptimizer(client, table);
        return new AggregateUpdater(new AggregateStore(client, table, batch), new WorkoutHistory(client, table), new ExerciseMuscles(batch), TimeProvider.System);
    }

    private static async Task<string> TrainAsync(HttpFunction workouts, string user, int sets)
    {
        var session = JsonDocument.Parse((await FunctionInvoker.InvokeAsync(workouts, ApiEvents.Request("POST", "/workouts/sessions", user, "{}"))).Body).RootElement.GetProperty("id").GetString()!;
        for (var i = 0; i < sets; i++)
        {
            await FunctionInvoker.InvokeAsync(workouts, ApiEvents.Request("POST", $"/workouts/sessions/{session}/sets", user, $$"""{"exerciseId":"barbell-back-squat","reps":5,"weightKg":{{100 + i}}}"""));
        }

        await FunctionInvoker.InvokeAsync(workouts, ApiEvents.Request("POST", $"/workouts/sessions/{session}/complete", user));
        return session;
    }

    private static async Task<List<double>> LoopAsync(int requests, Func<int, Task<bool>> call)
    {
        var samples = new List<double>(requests);
        for (var i = -WarmUp; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            if (!await call(i))
            {
                throw new InvalidOperationException($"request {i} failed");
            }

            if (i >= 0)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        samples.Sort();
        return samples;
    }

    private static void Report(string what, int requests, List<double> samples) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {requests} requests, p50 {Stats.Percentile(samples, 0.5):F3} ms, p90 {Stats.Percentile(samples, 0.9):F3} ms, p99 {Stats.Percentile(samples, 0.99):F3} ms"));
}
