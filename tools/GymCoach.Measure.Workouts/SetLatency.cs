using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Local;
using GymCoach.LocalInfra;
using GymCoach.TestSupport;
using GymCoach.Workouts;

namespace GymCoach.Measure;

/// <summary>
/// p50/p90/p99 of logging a set (each with its own Idempotency-Key), sequentially after an uncounted warm-up:
/// <c>handler</c> calls the Workouts function in-process over DynamoDB Local (the handler plus one DynamoDB
/// round trip), <c>stack</c> goes through the local gateway and emulator to the AOT binary. A new session is
/// started every <see cref="SetsPerSession"/> sets (a session holds at most 500). A <c>floor</c> row times
/// the same loop against GET of an unknown route (no DynamoDB call), the harness's own cost.
/// </summary>
internal static class SetLatency
{
    private const int SetsPerSession = 400;
    private const int WarmUp = 300;
    private const string Set = """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":100,"rpe":8}""";

    public static async Task<int> HandlerAsync(int requests)
    {
        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        const string table = "gymcoach-set-latency";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new() { [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary), [Keys.SortKey] = Attributes.S(Keys.Exercise("barbell-back-squat")), ["id"] = Attributes.S("barbell-back-squat") },
        });
        var function = WorkoutsFunction.Create(client, table, new CursorCodec("set-latency-cursor-key-0123456789abcdef"), TimeProvider.System, new LambdaLogger(Stream.Null, "workouts", json: true));
        string? session = null;
        var logged = 0;

        async Task<TestResponse> Send(string method, string path, string? body, string? key)
        {
            var headers = key is null ? null : new Dictionary<string, string> { ["idempotency-key"] = key };
            return await FunctionInvoker.InvokeAsync(function, ApiEvents.Request(method, path, "latency", body, headers));
        }

        var floor = await LoopAsync(requests, async _ => (await Send("GET", "/workouts/nothing-here", null, null)).Status == 404);
        var sets = await LoopAsync(requests, async i =>
        {
            if (session is null || logged++ % SetsPerSession == 0)
            {
                session = JsonDocument.Parse((await Send("POST", "/workouts/sessions", "{}", null)).Body).RootElement.GetProperty("id").GetString();
            }

            return (await Send("POST", $"/workouts/sessions/{session}/sets", Set, "set-" + i)).Status == 201;
        });
        Report("floor: an unknown route through the handler", requests, floor);
        Report("POST /workouts/sessions/{id}/sets through the handler (DynamoDB Local)", requests, sets);
        return 0;
    }

    public static async Task<int> StackAsync(int requests)
    {
        var lines = new List<string>();
        await using var stack = await LocalStack.StartAsync(new LocalStackOptions { Port = FreePort.Next(), InMemory = true, Log = lines.Add });
        var token = stack.Tokens.Issue("latency", TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        string? session = null;
        var logged = 0;

        async Task<int> Send(HttpMethod method, string path, string? body, string? key)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("idempotency-key", key);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (path == "/workouts/sessions")
            {
                session = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString();
            }

            return (int)response.StatusCode;
        }

        var floor = await LoopAsync(requests, async _ => await Send(HttpMethod.Get, "/workouts/nothing-here", null, null) == 404);
        var sets = await LoopAsync(requests, async i =>
        {
            if (session is null || logged++ % SetsPerSession == 0)
            {
                await Send(HttpMethod.Post, "/workouts/sessions", "{}", null);
            }

            return await Send(HttpMethod.Post, $"/workouts/sessions/{session}/sets", Set, "set-" + i) == 201;
        });
        Report("floor: an unknown route through the local stack (gateway 404, no invoke)", requests, floor);
        Report("POST /workouts/sessions/{id}/sets through the local stack (gateway, JWT, emulator, AOT binary, DynamoDB Local)", requests, sets);
        return 0;
    }

    private static async Task<List<double>> LoopAsync(int requests, Func<int, Task<bool>> call)
    {
        var samples = new List<double>(requests);
        for (var i = -WarmUp; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            if (!await call(i + WarmUp))
            {
                throw new InvalidOperationException($"request {i} failed");
            }

            clock.Stop();
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
