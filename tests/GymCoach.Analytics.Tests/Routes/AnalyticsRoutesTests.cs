using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class AnalyticsRoutesTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Dashboard_Warm_IsTwoReadsAndTheAccountFence()
    {
        using var client = dynamo.CreateFaultyClient(new FaultInjectingHandler(), maxErrorRetry: 2);
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, client);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();
        await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard");

        var from = loop.Log.Lines.Count;
        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard");

        Assert.Equal(1, dashboard.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal([3.0], loop.Metric(DynamoDbRequestMetrics.Total, from));
        Assert.Equal([1.0], loop.Metric("DynamoDbBatchGetItem", from));
        Assert.Equal([1.0], loop.Metric("DynamoDbQuery", from));
        Assert.Equal([1.0], loop.Metric("DynamoDbGetItem", from)); // the account fence, side by side with the two reads
    }

    [Fact]
    public async Task Progress_DefaultRangeOnceSettled_IsCachedInTheTableAndInvalidatedByNewData_AndOtherRangesAreNotStored()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();

        // Just after an update nothing is cached (the per-exercise index may still lag the summary).
        await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress");
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsCachePrefix));

        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress");
        await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress", query: new() { ["from"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var cached = Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsCachePrefix));
        Assert.Equal(first.GetProperty("dataVersion").GetInt64(), long.Parse(cached[AnalyticsItems.DataVersionAttribute].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(first.GetProperty("points").EnumerateArray());

        // New data moves the summary's version: the cached series is a miss everywhere and is computed again.
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 110, "normal"));
        await loop.SettleAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress");
        Assert.True(second.GetProperty("dataVersion").GetInt64() > first.GetProperty("dataVersion").GetInt64());
        Assert.Equal(110, second.GetProperty("points").EnumerateArray().Max(p => p.GetProperty("topWeightKg").GetDouble()));
    }

    [Fact]
    public async Task Recompute_RequestedAgainWhileQueued_AnswersTheSameJob()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        var first = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        var second = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix));
        await loop.ExpectAsync(loop.Analytics, 404, "GET", "/analytics/recompute/" + first.GetProperty("id").GetString(), "bob");
    }

    [Fact]
    public async Task SaveSummary_OverAVersionThatMoved_Throws()
    {
        var table = await dynamo.CreateTableAsync();
        var store = new AggregateStore(dynamo.Client, table, new BatchOptimizer(dynamo.Client, table));
        var summary = AnalyticsSummary.Empty("monday");
        await store.SaveSummaryAsync("alice", summary, 0, Derivation.Current.Aggregates, DateTimeOffset.UtcNow, CancellationToken.None);

        // A second update that also started from version 0 lost the race: it must not overwrite version 1.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveSummaryAsync("alice", summary, 0, Derivation.Current.Aggregates, DateTimeOffset.UtcNow, CancellationToken.None));
        await store.SaveSummaryAsync("alice", summary, 1, Derivation.Current.Aggregates, DateTimeOffset.UtcNow, CancellationToken.None);
        var stored = await dynamo.Client.GetItemAsync(table, new() { [Keys.PartitionKey] = new AttributeValue(Keys.User("alice")), [Keys.SortKey] = new AttributeValue(Keys.AnalyticsSummary) });
        Assert.Equal("2", stored.Item[AnalyticsItems.DataVersionAttribute].N);
    }
}
