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
}
