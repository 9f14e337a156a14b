using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests;

/// <summary>The template's policies for the two Analytics functions against the DynamoDB actions each really makes (a transaction needs its items' actions).</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PolicyTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task AnalyticsPolicies_GrantExactlyTheActionsEachFunctionUses()
    {
        var (httpActions, httpClient) = Recorder();
        var (streamActions, streamClient) = Recorder();
        using (httpClient)
        using (streamClient)
        {
            var clock = new ManualClock(DateTimeOffset.UtcNow);
            await using var loop = await AnalyticsLoop.StartAsync(dynamo, httpClient, clock, mapStream: false);
            var stream = AnalyticsFunction.CreateStream(streamClient, loop.Table, clock, loop.Log.Logger);
            DynamoDbClientFactory.Prime(httpClient, loop.Table);
            DynamoDbClientFactory.Prime(streamClient, loop.Table);

            // Every path of the stream function: a completed session, a measurement, a recompute job.
            var session = await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100, "normal"));
            var measurement = (await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: """{"date":"2026-11-20","weightKg":80}""")).GetProperty("id").GetString();
            await FeedAsync(stream, Keys.Session(session), Keys.Measurement(new DateOnly(2026, 11, 20), measurement!));
            clock.Advance(TimeSpan.FromMinutes(1));

            // Every route of the HTTP function, the recompute with and without a key, then its job run.
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard");
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/records");
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/achievements");
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/exercises/barbell-back-squat/progress");
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/volume");
            await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/body");
            var job = (await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "r1" })).GetProperty("id").GetString()!;
            await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "r1" });
            await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", "bob");
            await FeedAsync(stream, Keys.AnalyticsJob(job));
            Assert.Equal("done", (await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/recompute/" + job)).GetProperty("status").GetString());

            // The same key a day later: its record has expired, and the store removes it before the key is used again.
            clock.Advance(TimeSpan.FromHours(25));
            var again = (await loop.ExpectAsync(loop.Analytics, 202, "POST", "/analytics/recompute", headers: new() { ["idempotency-key"] = "r1" })).GetProperty("id").GetString();
            Assert.NotEqual(job, again);

            // The per-account limiter every deployed HTTP function counts requests with (tests build theirs without).
            await new UserRateLimiter(httpClient, loop.Table, RateLimits.Default, clock).AcquireAsync("alice", write: true, default);
        }

        Assert.Equal(TemplatePolicies.GrantedDynamoDbActions("AnalyticsFunction"), Used(httpActions));
        Assert.Equal(TemplatePolicies.GrantedDynamoDbActions("AnalyticsStreamFunction"), Used(streamActions));
    }

    private static List<string> Used(ConcurrentDictionary<string, bool> actions) => actions.Keys.Select(k => "dynamodb:" + k).Order(StringComparer.Ordinal).ToList();

    private (ConcurrentDictionary<string, bool> Actions, AmazonDynamoDBClient Client) Recorder()
    {
        var actions = new ConcurrentDictionary<string, bool>();
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, json) =>
            {
                if (target != "TransactWriteItems")
                {
                    actions[target] = true;
                    return false;
                }

                foreach (var kind in JsonDocument.Parse(json).RootElement.GetProperty("TransactItems").EnumerateArray().SelectMany(i => i.EnumerateObject()))
                {
                    actions[kind.Name == "ConditionCheck" ? "ConditionCheckItem" : kind.Name + "Item"] = true;
                }

                return false;
            },
        };
        return (actions, dynamo.CreateFaultyClient(faults, maxErrorRetry: 2));
    }

    private static async Task FeedAsync(GymCoach.Data.Streams.DynamoDbStreamFunction stream, params string[] sortKeys)
    {
        var result = await AnalyticsLoop.InvokeAsync(stream, StreamEvents.Keys(sortKeys.Select(sk => ("alice", sk)), "INSERT"));
        Assert.Contains("\"batchItemFailures\":[]", Encoding.UTF8.GetString(result.Payload), StringComparison.Ordinal);
    }
}
