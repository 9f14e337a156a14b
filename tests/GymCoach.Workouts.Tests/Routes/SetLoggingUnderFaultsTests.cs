using System.Collections.Concurrent;
using System.Diagnostics;
using GymCoach.Data;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>
/// Exactly once at scale: ten thousand sets logged through the Workouts function while a fifth of its DynamoDB
/// requests meet a fault (throttled, 500, connection reset before sending, hang past the client's timeout,
/// connection reset after the server applied the write), the SDK retrying twice and the phone retrying each
/// set with its Idempotency-Key until it gets an answer. Every set lands once: none lost, none twice.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class SetLoggingUnderFaultsTests(DynamoDbFixture dynamo, ITestOutputHelper output)
{
    private const int Users = 200;
    private const int SetsPerUser = 50;
    private const int Devices = 40; // phones at once: the wall time is the SDK's and the phones' back-off, not work

    [Fact]
    public async Task LogSets_TenThousandWithTwentyPercentFaults_EveryOneLandsExactlyOnce()
    {
        var faults = new FaultInjectingHandler(seed: 23) { HangTime = TimeSpan.FromMilliseconds(400), UnprocessedFraction = 0.2 };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2, timeout: TimeSpan.FromMilliseconds(250));
        var api = await WorkoutsApi.CreateAsync(dynamo, client);
        await api.ExpectAsync(201, "POST", "/workouts/sessions", """{"name":"warm"}""", sub: "warm-up"); // the exercise cache and the JIT, before the faults
        faults.FaultRate = 0.2;

        var answered = new ConcurrentDictionary<string, string>(); // idempotency key → set id answered
        var attempts = 0;
        var clock = Stopwatch.StartNew();
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, Users));
        var devices = Enumerable.Range(0, Devices).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var u))
            {
                var user = $"lifter-{u:D3}";
                var session = await UntilAnsweredAsync("POST", "/workouts/sessions", user, """{"name":"Legs"}""", "session-" + user);
                var sessionId = session.Json.GetProperty("id").GetString()!;
                for (var s = 0; s < SetsPerUser; s++)
                {
                    var key = $"{user}-set-{s}";
                    var set = await UntilAnsweredAsync("POST", $"/workouts/sessions/{sessionId}/sets", user, WorkoutsApi.Set(reps: 1 + (s % 12), weight: 60 + s), key);
                    answered[key] = set.Json.GetProperty("id").GetString()!;
                }
            }
        })).ToList();
        await Task.WhenAll(devices);
        faults.FaultRate = 0;

        // What really landed, read past the faults: each lifter's one session holds exactly their fifty sets.
        var stored = new List<string>();
        for (var u = 0; u < Users; u++)
        {
            var items = await api.StoredAsync($"lifter-{u:D3}", Keys.SessionPrefix);
            var sets = items.Where(i => i[Keys.SortKey].S.Contains(Keys.SetInfix, StringComparison.Ordinal)).Select(i => i["id"].S).ToList();
            Assert.True(sets.Count == SetsPerUser, $"lifter-{u:D3} has {sets.Count} sets stored");
            Assert.Equal(1, items.Count(i => !i[Keys.SortKey].S.Contains(Keys.SetInfix, StringComparison.Ordinal)));
            stored.AddRange(sets);
        }

        var injected = string.Join(", ", faults.Injected.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"));
        var line = $"fault injection: {Users * SetsPerUser} sets through POST /workouts/sessions/{{id}}/sets in {clock.Elapsed.TotalSeconds:F0} s, {attempts} attempts by the phones, faults injected: {injected}; stored {stored.Count}, distinct {stored.Distinct().Count()}";
        output.WriteLine(line);
        CiReport.Add("fault-injection.txt", line);

        Assert.Equal(Users * SetsPerUser, answered.Count);
        Assert.Equal(Users * SetsPerUser, stored.Count); // none lost, none twice (a second landing has a fresh id: 10,001)
        Assert.Equal(answered.Values.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal)); // each answer names the set that landed
        Assert.True(faults.Injected.Values.Sum() > Users * SetsPerUser / 10, $"only {injected}: the workload meant a fifth of the requests to fail");

        // Every kind of fault met the write itself, not only the reads around it: the one that matters most is the
        // write applied and its answer lost.
        Assert.All(Enum.GetValues<Fault>(), kind => Assert.True(faults.InjectedByOperation.GetValueOrDefault($"TransactWriteItems/{kind}") > 0, $"no {kind} met a TransactWriteItems"));

        // The phone's retry loop: the same request and key until an answer that is not "try again".
        async Task<TestResponse> UntilAnsweredAsync(string method, string path, string sub, string body, string key)
        {
            for (var attempt = 1; ; attempt++)
            {
                Interlocked.Increment(ref attempts);
                var response = await api.SendAsync(method, path, sub, body, WorkoutsApi.Key(key));
                if (response.Status is 200 or 201)
                {
                    return response;
                }

                // 503 (busy, the store did not answer, an outcome the function could not know), 409 (the key's earlier
                // attempt still holds its lease). Never a 500: a fault of the store is not a bug of ours.
                Assert.True(response.Status is 503 or 409 && attempt < 400, $"{method} {path} attempt {attempt}: {response.Status} {response.Body}");
                await Task.Delay(response.Status == 409 ? 100 : 10);
            }
        }
    }
}
