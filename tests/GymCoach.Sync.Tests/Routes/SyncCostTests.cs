using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.Data;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Sync.Tests.Routes;

/// <summary>
/// What a sync costs, read from DynamoDB Local's own consumed-capacity answers: a device at the head syncs after
/// 0, 1, 100 or 1,000 changes (pages of 500, the most a page holds). The figures go to the test output and to
/// artifacts/sync-cost.txt; the test checks behaviour (every change arrives, nothing new is one request).
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class SyncCostTests(DynamoDbFixture dynamo, ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task Sync_AfterNChanges_ReportsRequestsAndCapacity(int changes)
    {
        var meter = new CapacityMeter();
        using var client = dynamo.CreateMeteredClient(meter);
        await using var loop = await SyncLoop.StartAsync(dynamo, client);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: """{"name":"Before","exercises":[]}""");
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        var before = (await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.SyncLogPrefix)).Count;

        if (changes == 1)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: """{"name":"After","exercises":[]}""");
        }
        else if (changes > 1)
        {
            // A whole workout of changes - 1 sets: the session and its sets, each one change.
            await loop.ExpectAsync(loop.Workouts, 201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-000000000001", body: Workout(changes - 1));
        }

        await loop.SettleAsync();
        // An upload beyond one transaction writes its session twice (claimed, then finished): an entry each when the stream batches them apart.
        var entries = (await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.SyncLogPrefix)).Count - before;
        Assert.InRange(entries, changes, changes + 1);

        meter.Reset();
        var replica = new SyncReplica();
        var clock = Stopwatch.StartNew();
        var (_, pages) = await loop.SyncAsync("alice", replica, cursor, limit: 500);
        var elapsed = clock.Elapsed.TotalMilliseconds;

        Assert.Equal(changes, replica.State.Count);
        if (changes == 0)
        {
            Assert.Equal(1, meter.TotalRequests);
        }

        var byOperation = string.Join(", ", meter.Requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value} ({meter.Units.GetValueOrDefault(r.Key).ToString("0.#", CultureInfo.InvariantCulture)} RCU)"));
        var line = $"sync of {changes} changes ({entries} log entries): {pages} page(s), {meter.TotalRequests} DynamoDB requests, {meter.TotalUnits.ToString("0.#", CultureInfo.InvariantCulture)} read capacity units [{byOperation}], {elapsed:F0} ms in process";
        output.WriteLine(line);
        CiReport.Add("sync-cost.txt", line);
    }

    private static string Workout(int sets)
    {
        const int exercises = 10;
        var body = new StringBuilder("""{"startedAt":"2026-11-20T06:00:00-05:00","completedAt":"2026-11-20T09:00:00-05:00","exercises":[""");
        for (var e = 0; e < exercises; e++)
        {
            body.Append(e == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"exerciseId":"{{SyncLoop.Library[e % SyncLoop.Library.Length]}}","sets":[""");
            var first = true;
            for (var s = e; s < sets; s += exercises)
            {
                body.Append(first ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"id":"00000000-0000-4000-8000-1000{{s:D8}}","reps":5,"weightKg":50}""");
                first = false;
            }

            body.Append("]}");
        }

        return body.Append("]}").ToString();
    }
}
