using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

[Collection(DynamoDbCollection.Name)]
public sealed class AnalyticsLoopTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task CompletedSession_ThroughTheStream_UpdatesRecordsDashboardAndAchievements()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"), ("barbell-back-squat", 5, 60, "warmup"), ("barbell-back-squat", 3, 110, "normal"), ("barbell-bench-press", 8, 70, "normal"));
        await loop.SettleAsync();

        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard");
        var week = dashboard.GetProperty("thisWeek");
        Assert.Equal(1, week.GetProperty("sessions").GetInt32());
        Assert.Equal((5 * 100) + (3 * 110) + (8 * 70), week.GetProperty("volumeKg").GetDouble());
        Assert.Equal(4, week.GetProperty("sets").GetInt32());
        Assert.Equal(3, week.GetProperty("workingSets").GetInt32());
        Assert.Equal(2, week.GetProperty("muscleSets").GetProperty("quads").GetInt32());
        Assert.Equal(1, week.GetProperty("muscleSets").GetProperty("chest").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("streak").GetProperty("currentWeeks").GetInt32());
        Assert.Contains(dashboard.GetProperty("newestAchievements").EnumerateArray(), a => a.GetProperty("code").GetString() == "first-session");

        var records = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records");
        var squat = records.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("exerciseId").GetString() == "barbell-back-squat");
        Assert.Equal(110, squat.GetProperty("heaviest").GetProperty("value").GetDouble());
        Assert.Equal(Math.Round(110 * (1 + (3 / 30.0)), 2), squat.GetProperty("bestE1rm").GetProperty("value").GetDouble());
        Assert.Equal(500, squat.GetProperty("bestSetVolume").GetProperty("value").GetDouble());
        Assert.Equal([5, 3], squat.GetProperty("repsAtWeight").EnumerateArray().Select(m => m.GetProperty("reps").GetInt32()).Reverse().ToArray());

        var achievements = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/achievements");
        Assert.Equal(["first-session"], achievements.GetProperty("earned").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToArray());
        Assert.Contains(achievements.GetProperty("available").EnumerateArray(), a => a.GetProperty("code").GetString() == "sessions-10");
    }

    [Fact]
    public async Task SetsOfASessionInProgress_DoNotInvokeTheConsumer()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        var id = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", body: """{"name":"Legs"}""")).GetProperty("id").GetString();
        for (var i = 0; i < 5; i++)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", $"/workouts/sessions/{id}/sets", body: """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":100}""");
        }

        await loop.SettleAsync();
        Assert.True(loop.Mapping.RecordsFilteredOut >= 11, $"filtered out {loop.Mapping.RecordsFilteredOut}");
        Assert.Equal(0, loop.Mapping.Invocations);
        Assert.Empty(await loop.AggregatesAsync("alice"));
    }

    [Fact]
    public async Task EditAfterCompletionThenDiscard_RecomputesRecordsAndWeek_AndKeepsTheAchievement()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        var first = await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        var second = await loop.TrainAsync("alice", ("barbell-back-squat", 5, 120, "normal"));
        await loop.SettleAsync();
        var records = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records");
        Assert.Equal(120, records.GetProperty("items")[0].GetProperty("heaviest").GetProperty("value").GetDouble());
        Assert.NotNull((await loop.AggregatesAsync("alice")).Keys.SingleOrDefault(k => k.Contains("first-pr:barbell-back-squat", StringComparison.Ordinal)));

        // An edit after completion: the 120 was a typo for 102.
        var session = await loop.ExpectAsync(loop.Workouts, 200, "GET", $"/workouts/sessions/{second}");
        var set = session.GetProperty("sets")[0];
        var etag = set.GetProperty("version").GetInt64();
        await loop.ExpectAsync(loop.Workouts, 200, "PUT", $"/workouts/sessions/{second}/sets/{set.GetProperty("id").GetString()}", body: """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":102}""", headers: new() { ["if-match"] = $"\"{etag}\"" });
        await loop.SettleAsync();
        records = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records");
        Assert.Equal(102, records.GetProperty("items")[0].GetProperty("heaviest").GetProperty("value").GetDouble());

        // Discarding the second session takes it out of every aggregate; achievements already earned stay, once.
        var version = (await loop.ExpectAsync(loop.Workouts, 200, "GET", $"/workouts/sessions/{second}")).GetProperty("version").GetInt64();
        await loop.ExpectAsync(loop.Workouts, 204, "DELETE", $"/workouts/sessions/{second}", headers: new() { ["if-match"] = $"\"{version}\"" });
        await loop.SettleAsync();
        records = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records");
        var squat = records.GetProperty("items")[0];
        Assert.Equal(100, squat.GetProperty("heaviest").GetProperty("value").GetDouble());
        Assert.Equal(1, squat.GetProperty("sessions").GetInt32());
        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard");
        Assert.Equal(1, dashboard.GetProperty("thisWeek").GetProperty("sessions").GetInt32());
        var earned = (await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/achievements")).GetProperty("earned").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToList();
        Assert.Equal(["first-pr:barbell-back-squat", "first-session"], earned.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(earned.Count, earned.Distinct().Count());
        Assert.NotNull(first);
    }

    [Fact]
    public async Task Recompute_AfterStreaming_EqualsTheStreamedAggregates()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"), ("pull-up", 8, 0, "normal"));
        await loop.TrainAsync("alice", ("barbell-back-squat", 3, 115, "normal"), ("overhead-press", 5, 50, "normal"));
        await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: """{"date":"2026-11-20","weightKg":80}""");
        await loop.SettleAsync();
        var streamed = await loop.AggregatesAsync("alice");
        Assert.Contains(streamed.Keys, k => k.StartsWith(Keys.AnalyticsRecordPrefix, StringComparison.Ordinal));

        // Damage the aggregates as a bug would, then repair them.
        await dynamo.Client.DeleteItemAsync(loop.Table, new() { [Keys.PartitionKey] = new AttributeValue(Keys.User("alice")), [Keys.SortKey] = new AttributeValue(Keys.AnalyticsRecord("barbell-back-squat")) });
        Assert.NotEqual(streamed, await loop.AggregatesAsync("alice"));
        var job = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        Assert.Equal("queued", job.GetProperty("status").GetString());
        await loop.SettleAsync();
        var done = await loop.ExpectAsync(loop.Analytics, 200, "GET", job.GetProperty("location").GetString()!);
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("outcome").GetProperty("sessions").GetInt32());
        Assert.Equal(Canonical(streamed), Canonical(await loop.AggregatesAsync("alice")));
        // The measurement took part: 115 kg squatted at 80 kg bodyweight earns the 1× (not the 1.5×) multiple, in both.
        Assert.Contains(Keys.AnalyticsAchievement("bodyweight-1x:barbell-back-squat"), streamed.Keys);
        Assert.DoesNotContain(Keys.AnalyticsAchievement("bodyweight-1.5x:barbell-back-squat"), streamed.Keys);
    }

    [Fact]
    public async Task AnotherUser_SeesNoneOfIt()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();
        var bob = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard", "bob");
        Assert.Equal(0, bob.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Empty(bob.GetProperty("newestAchievements").EnumerateArray());
        Assert.Empty((await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records", "bob")).GetProperty("items").EnumerateArray());
        Assert.Empty((await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress", "bob")).GetProperty("points").EnumerateArray());
        Assert.Single((await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress", "alice")).GetProperty("points").EnumerateArray());
        Assert.Empty(await loop.AggregatesAsync("bob"));
    }

    [Fact]
    public async Task RecordThatCannotBeApplied_IsRetriedThenSentToTheFailureDestination_AndLaterRecordsStillApply()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        // A measurement-shaped item in a partition with no user: it passes the filter but cannot be applied.
        await dynamo.Client.PutItemAsync(loop.Table, new() { [Keys.PartitionKey] = new AttributeValue("USER#"), [Keys.SortKey] = new AttributeValue("MEASUREMENT#2026-11-20#x") });
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();

        var failed = Assert.Single(loop.Mapping.FailedBatches);
        Assert.Equal("AnalyticsStreamFailureQueue", failed.Destination);
        Assert.Equal(1, failed.BatchSize);
        Assert.Equal(AnalyticsLoop.TemplateSource().MaximumRetryAttempts + 1, failed.InvokeCount);
        Assert.Equal(1, (await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard")).GetProperty("totals").GetProperty("sessions").GetInt32());
    }

    private static string Canonical(SortedDictionary<string, string> aggregates) =>
        string.Join('\n', aggregates.Select(a => a.Key + "=" + a.Value));
}
