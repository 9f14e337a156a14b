using System.Text.Json.Nodes;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

[Collection(DynamoDbCollection.Name)]
public sealed class AnalyticsStreamHandlerTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task HandleBatch_OneUserFailsAmongThree_ReportsFromThatUsersFirstRecord_AndTheOthersAreApplied()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        var sessions = new Dictionary<string, string>();
        foreach (var user in new[] { "ann", "ben", "cat" })
        {
            sessions[user] = await loop.TrainAsync(user, ("barbell-back-squat", 5, 100, "normal"));
        }

        // Ben's reads are throttled past every retry: his update fails; Ann's and Cat's do not.
        var faults = new FaultInjectingHandler { ThrottleWhere = (target, body) => body.Contains(Keys.User("ben"), StringComparison.Ordinal) };
        using var client = dynamo.CreateFaultyClient(faults);
        var stream = AnalyticsFunction.CreateStream(client, loop.Table, TimeProvider.System, loop.Log.Logger);
        var batch = StreamEvents.Keys([("ann", Keys.Session(sessions["ann"])), ("ben", Keys.Session(sessions["ben"])), ("cat", Keys.Session(sessions["cat"])), ("ann", Keys.Session(sessions["ann"]))]);

        var result = await AnalyticsLoop.InvokeAsync(stream, batch);

        var failed = JsonNode.Parse(result.Payload)!["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>()).ToArray();
        Assert.Equal(["2", "3", "4"], failed);
        Assert.NotEmpty(await loop.AggregatesAsync("ann"));
        Assert.NotEmpty(await loop.AggregatesAsync("cat"));
        Assert.Empty(await loop.AggregatesAsync("ben"));

    }

    [Fact]
    public async Task HandleBatch_LaterSessionDeliveredFirst_DatesTheAchievementByTheEarlierSession()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock, mapStream: false);
        var first = await loop.TrainAsync("dan", ("barbell-back-squat", 5, 100, "normal"));
        clock.Advance(TimeSpan.FromHours(2));
        var second = await loop.TrainAsync("dan", ("barbell-back-squat", 5, 100, "normal"));

        // A replay delivers the later session's record before the earlier one's (bisection, retries).
        await AnalyticsLoop.InvokeAsync(loop.Stream, StreamEvents.Keys([("dan", Keys.Session(second))], firstSequence: 1));
        var fromTheLaterSession = await EarnedAtAsync(loop, "dan", "first-session");
        await AnalyticsLoop.InvokeAsync(loop.Stream, StreamEvents.Keys([("dan", Keys.Session(first))], firstSequence: 2));

        Assert.Equal("2026-11-20T08:00:00Z", fromTheLaterSession); // awarded from the only session it knew of then
        Assert.Equal("2026-11-20T06:00:00Z", await EarnedAtAsync(loop, "dan", "first-session"));
    }

    private static async Task<string?> EarnedAtAsync(AnalyticsLoop loop, string user, string code) =>
        (await loop.AggregatesAsync(user)).TryGetValue(Keys.AnalyticsAchievement(code), out var data)
            ? JsonNode.Parse(data)!["earnedAt"]!.GetValue<string>()
            : null;
}
