using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SyncDerivedTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Sync_RecordsAndAchievements_AreTheItemsTheirListsShow()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100), ("barbell-bench-press", 5, 80));
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 110));

        // The Analytics stream consumer's work, done here by its own updater: the derived items the app syncs.
        var batch = new BatchOptimizer(dynamo.Client, loop.Table);
        var store = new AggregateStore(dynamo.Client, loop.Table, batch);
        await new AggregateUpdater(store, new WorkoutHistory(dynamo.Client, loop.Table), new ExerciseMuscles(batch), TimeProvider.System)
            .UpdateAsync(UserChanges.Rebuild("alice"), CancellationToken.None);
        await loop.SettleAsync();
        var replica = new SyncReplica();
        await loop.SyncAsync("alice", replica);

        var analytics = loop.Function("AnalyticsFunction");
        var records = (await loop.ExpectAsync(analytics, 200, "GET", "/analytics/records")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        foreach (var record in records)
        {
            var synced = replica.Get("record", record.GetProperty("exerciseId").GetString()!);
            Assert.NotNull(synced);
            Assert.True(System.Text.Json.JsonElement.DeepEquals(record, synced.Value), $"{record.GetRawText()}\n{synced.Value.GetRawText()}");
        }

        var earned = (await loop.ExpectAsync(analytics, 200, "GET", "/analytics/achievements")).GetProperty("earned").EnumerateArray().ToList();
        Assert.NotEmpty(earned);
        foreach (var achievement in earned)
        {
            var synced = replica.Get("achievement", achievement.GetProperty("code").GetString()!);
            Assert.NotNull(synced);
            Assert.True(System.Text.Json.JsonElement.DeepEquals(achievement, synced.Value), $"{achievement.GetRawText()}\n{synced.Value.GetRawText()}");
        }

        Assert.Equal(records.Count + earned.Count, replica.State.Keys.Count(k => k.StartsWith("record|", StringComparison.Ordinal) || k.StartsWith("achievement|", StringComparison.Ordinal)));
    }
}
