using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>Rebuilds run off the aggregates mapping, in segments that hand over until done.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class RecomputeSegmentsTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Recompute_WhileTheJobMappingIsHeld_OtherUsersUpdatesStillApply()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapJobs: false);
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
        var job = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");

        // Bob trains after Alice's rebuild was queued, on the same stream: his update does not wait for it.
        await loop.TrainAsync("bob", ("pull-up", 8, 0, "normal"));
        await loop.Mapping.CaughtUpAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard", "bob")).GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Equal("queued", (await loop.ExpectAsync(loop.Analytics, 200, "GET", job.GetProperty("location").GetString()!)).GetProperty("status").GetString());

        loop.JobMapping.Start();
        await loop.SettleAsync();
        Assert.Equal("done", (await loop.ExpectAsync(loop.Analytics, 200, "GET", job.GetProperty("location").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Recompute_OneStepPerSegment_HandsOverUntilDoneAndEqualsTheStreamedAggregates()
    {
        // 15 s to run, less the 15 s a segment keeps in reserve: every segment takes exactly one step, then hands over.
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, recomputePageSize: 1, invocationTime: TimeSpan.FromSeconds(15));
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"), ("pull-up", 8, 0, "normal"));
        await loop.TrainAsync("alice", ("barbell-back-squat", 3, 115, "normal"));
        await loop.SettleAsync();
        var streamed = await loop.AggregatesAsync("alice");

        // Damage: a record lost, and a digest of a session that no longer exists.
        await dynamo.Client.DeleteItemAsync(loop.Table, new() { [Keys.PartitionKey] = new AttributeValue(Keys.User("alice")), [Keys.SortKey] = new AttributeValue(Keys.AnalyticsRecord("barbell-back-squat")) });
        var orphan = streamed.First(k => k.Key.StartsWith(Keys.AnalyticsSessionPrefix, StringComparison.Ordinal));
        await dynamo.Client.PutItemAsync(loop.Table, new()
        {
            [Keys.PartitionKey] = new AttributeValue(Keys.User("alice")),
            [Keys.SortKey] = new AttributeValue(Keys.AnalyticsSession("01JZZZZZZZZZZZZZZZZZZZZZZZ")),
            ["entity"] = new AttributeValue(EntityTypes.AnalyticsSession),
            ["data"] = new AttributeValue(orphan.Value.Replace(orphan.Key[Keys.AnalyticsSessionPrefix.Length..], "01JZZZZZZZZZZZZZZZZZZZZZZZ", StringComparison.Ordinal)),
        });
        Assert.NotEqual(streamed, await loop.AggregatesAsync("alice"));

        var job = await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute");
        var done = await PollAsync(loop, job.GetProperty("location").GetString()!);

        Assert.Equal(2, done.GetProperty("sessionsRead").GetInt32());
        Assert.Equal(2, done.GetProperty("outcome").GetProperty("sessions").GetInt32());
        var item = Assert.Single(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.AnalyticsJobPrefix));
        Assert.True(long.Parse(item["segment"].N, System.Globalization.CultureInfo.InvariantCulture) >= 7, $"segments: {item["segment"].N}");
        await loop.SettleAsync();
        Assert.Equal(Canonical(streamed), Canonical(await loop.AggregatesAsync("alice")));
    }

    private static string Canonical(SortedDictionary<string, string> aggregates) =>
        string.Join('\n', aggregates.Select(a => a.Key + "=" + a.Value));

    private static async Task<System.Text.Json.JsonElement> PollAsync(AnalyticsLoop loop, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await loop.ExpectAsync(loop.Analytics, 200, "GET", location);
            if (job.GetProperty("status").GetString() == "done")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The rebuild did not finish: {job}");
            await Task.Delay(100);
        }
    }
}
