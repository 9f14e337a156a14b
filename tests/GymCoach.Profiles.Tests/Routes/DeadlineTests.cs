using System.Diagnostics;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

/// <summary>DynamoDB that stops answering: the function must still answer before Lambda's deadline.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DeadlineTests(DynamoDbFixture dynamo)
{
    private const string Body = """{"date":"2026-11-20","weightKg":80.5}""";

    [Fact]
    public async Task Post_DynamoDbHangs_Answers503WithRetryAfterBeforeTheDeadlineAndTheKeyWorksAgain()
    {
        // The production client's settings: 5 s per attempt, 3 retries — 20 s, twice the 10 s timeout.
        var faults = new FaultInjectingHandler { HangTime = TimeSpan.FromSeconds(60) };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 3, timeout: TimeSpan.FromSeconds(5));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.HangNext(1, "TransactWriteItems");
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "hang-1" };
        var deadline = TimeSpan.FromSeconds(3);

        var clock = Stopwatch.StartNew();
        var hung = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers, timeout: deadline, margin: TimeSpan.FromSeconds(1));
        var answeredAfter = clock.Elapsed;
        var storedAfterTimeout = await api.StoredItemsAsync("alice", Keys.MeasurementPrefix);
        var retry = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers);

        Assert.Equal(503, hung.Status);
        Assert.Equal("application/problem+json", hung.Header("content-type"));
        Assert.Equal("1", hung.Header("retry-after"));
        Assert.True(answeredAfter < deadline, $"answered after {answeredAfter.TotalMilliseconds:F0} ms, deadline {deadline.TotalMilliseconds:F0} ms");
        Assert.Empty(storedAfterTimeout); // the hung write never reached the table: nothing half-written
        Assert.Equal(201, retry.Status); // the key was not left blocking the retry
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Put_DynamoDbHangs_Answers503BeforeTheDeadline()
    {
        var faults = new FaultInjectingHandler { HangTime = TimeSpan.FromSeconds(60) };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 3, timeout: TimeSpan.FromSeconds(5));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.HangNext(1, "TransactWriteItems");

        var clock = Stopwatch.StartNew();
        var hung = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""", timeout: TimeSpan.FromSeconds(3), margin: TimeSpan.FromSeconds(1));

        Assert.Equal(503, hung.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"answered after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(404, (await api.SendAsync("GET", "/profiles/me")).Status);
    }

    [Fact]
    public async Task Post_WriteLandsButItsAnswerIsLostPastTheMargin_Answers503AndTheRetryConvergesOnTheWrittenItem()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 3, timeout: TimeSpan.FromSeconds(5));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.LoseResponseNext(1, "TransactWriteItems");
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "lost-at-deadline" };

        var clock = Stopwatch.StartNew();
        var cut = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers, timeout: TimeSpan.FromSeconds(3), margin: TimeSpan.FromSeconds(1));
        var answeredAfter = clock.Elapsed;
        var written = await api.StoredItemsAsync("alice", Keys.MeasurementPrefix);
        var retry = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers);

        Assert.Equal(503, cut.Status);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(3), $"answered after {answeredAfter.TotalMilliseconds:F0} ms");
        Assert.Single(written); // the write did land before the deadline cut the request
        Assert.Equal(201, retry.Status); // the lease was ended, so the retry runs at once...
        Assert.Equal(written[0]["id"].S, retry.Json.GetProperty("id").GetString()); // ...and answers with that item
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }
}
