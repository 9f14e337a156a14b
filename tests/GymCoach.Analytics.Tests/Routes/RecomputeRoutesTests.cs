using System.Globalization;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Routes;

/// <summary>The recompute job gate as a lifter meets it: one rebuild at a time, a cooldown after one, a daily quota.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class RecomputeRoutesTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task StartRecompute_TenAtOnceWithNoJobRunning_AllAnswerOneJob()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);

        // Ten keyless taps at once: each reads "no job running"; only one may queue, the rest are answered with it.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => loop.SendAsync(loop.Analytics, "POST", "/analytics/recompute")));

        Assert.All(answers, a => Assert.Equal(202, a.Status));
        Assert.Single(answers.Select(a => a.Json.GetProperty("id").GetString()).Distinct());
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix));
    }

    [Fact]
    public async Task StartRecompute_WithinTenMinutesOfTheLastCompleted_Answers429JobCooldownUntilThen()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        var first = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        await loop.SettleAsync();
        Assert.Equal("done", (await loop.ExpectAsync(loop.Analytics, 200, "GET", first.GetProperty("location").GetString()!)).GetProperty("status").GetString());

        clock.Advance(TimeSpan.FromMinutes(2));
        var refused = await loop.SendAsync(loop.Analytics, "POST", "/analytics/recompute");

        Assert.Equal(429, refused.Status);
        Assert.EndsWith("/job-cooldown", refused.Json.GetProperty("type").GetString());
        Assert.Equal("480", refused.Header("retry-after"));
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix));

        clock.Advance(TimeSpan.FromMinutes(8));
        var second = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StartRecompute_SixthInOneUtcDay_Answers429DailyQuotaUntilMidnight()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        for (var i = 0; i < 5; i++)
        {
            await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
            await loop.SettleAsync();
            clock.Advance(TimeSpan.FromMinutes(11));
        }

        var refused = await loop.SendAsync(loop.Analytics, "POST", "/analytics/recompute");

        Assert.Equal(429, refused.Status);
        Assert.EndsWith("/job-daily-quota", refused.Json.GetProperty("type").GetString());
        var midnight = new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(((int)(midnight - clock.GetUtcNow()).TotalSeconds).ToString(CultureInfo.InvariantCulture), refused.Header("retry-after"));
        Assert.Equal(5, (await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix)).Count);

        clock.Advance(midnight - clock.GetUtcNow());
        await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
    }

    [Fact]
    public async Task StartRecompute_JobQueuedPastItsStaleLimit_QueuesANewOne()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock, mapStream: false);
        var lost = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(lost.GetProperty("id").GetString(), (await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute")).GetProperty("id").GetString());

        // Never run (dead-lettered, say): past 15 minutes it no longer blocks the account.
        clock.Advance(TimeSpan.FromMinutes(2));
        var fresh = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");

        Assert.NotEqual(lost.GetProperty("id").GetString(), fresh.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StartRecompute_KeyAnsweredWithTheRunningJob_RetriedAfterItCompletedReplaysThatJob()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock, mapJobs: false);
        var running = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "first" });
        var tapped = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "second" });
        Assert.Equal(running.GetProperty("id").GetString(), tapped.GetProperty("id").GetString());

        // That job runs and completes; well after the cooldown the phone retries its second request (same key).
        loop.JobMapping.Start();
        await loop.SettleAsync();
        clock.Advance(TimeSpan.FromMinutes(30));
        var retried = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "second" });

        Assert.Equal(running.GetProperty("id").GetString(), retried.GetProperty("id").GetString());
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix));
    }
}
