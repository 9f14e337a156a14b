using System.Globalization;
using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SyncConcurrencyTests(DynamoDbFixture dynamo)
{
    /// <summary>
    /// A third device syncs over and over (small pages, its first sync a snapshot taken mid-writes) while a phone
    /// and a watch write at once: sets into one session from both, edits of one plan from both (the loser of each
    /// race re-reads and retries, as the app does on 412), measurements, a set deleted. When the writes stop and
    /// the log has caught up, one more sync leaves it holding exactly what a fresh full sync holds, and what the
    /// entities' own GETs say.
    /// </summary>
    [Fact]
    public async Task Sync_WhileTwoDevicesWrite_TheThirdEndsWithTheServersState()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var sessionId = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", body: """{"name":"Shared"}""")).GetProperty("id").GetString()!;
        var planId = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: """{"name":"Plan","exercises":[]}""")).GetProperty("id").GetString()!;

        var writing = true;
        async Task DeviceAsync(string device, int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < 12; i++)
            {
                var set = await loop.ExpectAsync(loop.Workouts, 201, "POST", $"/workouts/sessions/{sessionId}/sets", body: $$"""{"exerciseId":"barbell-back-squat","reps":{{5 + random.Next(5)}},"weightKg":100,"type":"normal"}""");
                if (i % 4 == 0)
                {
                    await RenameAsync(loop, planId, $"{device} {i}");
                }

                if (i % 5 == 0)
                {
                    await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: $$"""{"date":"2026-11-{{10 + i:D2}}","weightKg":{{80 + seed}}}""");
                }

                if (i == 7)
                {
                    await loop.ExpectAsync(loop.Workouts, 204, "DELETE", $"/workouts/sessions/{sessionId}/sets/{set.GetProperty("id").GetString()}", headers: new() { ["If-Match"] = "\"1\"" });
                }
            }
        }

        var replica = new SyncReplica();
        string? cursor = null;
        var syncs = 0;
        var syncer = Task.Run(async () =>
        {
            while (Volatile.Read(ref writing))
            {
                (cursor, _) = await loop.SyncAsync("alice", replica, cursor, limit: 5);
                syncs++;
            }
        });
        await Task.WhenAll(DeviceAsync("phone", 1), DeviceAsync("watch", 2));
        Volatile.Write(ref writing, false);
        await syncer;
        await loop.SettleAsync();
        await loop.SyncAsync("alice", replica, cursor, limit: 5);

        var server = new SyncReplica();
        await loop.SyncAsync("alice", server);
        Assert.True(syncs >= 2, $"the third device synced {syncs} times while the others wrote");
        Assert.Equal(server.State, replica.State);

        var session = await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/sessions/" + sessionId);
        var sets = session.GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal(22, sets.Count);
        Assert.Equal(22, replica.State.Keys.Count(k => k.StartsWith($"set|{sessionId}|", StringComparison.Ordinal)));
        var plan = await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/plans/" + planId);
        Assert.Equal(plan.GetProperty("name").GetString(), replica.Get("plan", planId)!.Value.GetProperty("name").GetString());
        Assert.Equal(plan.GetProperty("version").GetInt64(), replica.Get("plan", planId)!.Value.GetProperty("version").GetInt64());
    }

    /// <summary>Renames the plan against the version just read; a 412 (the other device won) is answered by trying again on its current.</summary>
    private static async Task RenameAsync(SyncLoop loop, string planId, string name)
    {
        var version = (await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/plans/" + planId)).GetProperty("version").GetInt64();
        while (true)
        {
            var response = await loop.SendAsync(loop.Workouts, "PUT", "/workouts/plans/" + planId, body: $$"""{"name":"{{name}}","exercises":[]}""", headers: new() { ["If-Match"] = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"" });
            if (response.Status == 200)
            {
                return;
            }

            Assert.Equal(412, response.Status);
            version = response.Json.GetProperty("current").GetProperty("version").GetInt64();
        }
    }
}
