using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Lambda.Runtime;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

/// <summary>Idempotency-Key on POST /profiles/me/measurements, against DynamoDB Local; items counted on the server.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class IdempotencyTests(DynamoDbFixture dynamo)
{
    private const string Path = "/profiles/me/measurements";
    private const string Body = """{"date":"2026-11-20","weightKg":80.5}""";

    [Fact]
    public async Task Post_SameKeyAndBody_ReplaysTheFirstResponseAndStoresOnce()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var headers = Key("key-1");

        var first = await api.SendAsync("POST", Path, body: Body, headers: headers);
        var second = await api.SendAsync("POST", Path, body: Body, headers: headers);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Header("idempotent-replayed"));
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Post_ResponseLostAfterTheWrite_StoresOneMeasurementAndAnswers201()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2, timeout: TimeSpan.FromSeconds(1));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-1"));
        var retry = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-1"));

        Assert.Equal(2, faults.Forwarded["TransactWriteItems"]); // the write whose answer was lost, and the SDK's retry of it
        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Json.GetProperty("id").GetString(), retry.Json.GetProperty("id").GetString());
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Post_ResponseLostAndSdkRetriesSpent_PhoneRetryStoresOneMeasurement()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-2"));
        var retry = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-2"));

        Assert.True(first.Status >= 500, $"the first attempt cannot know it succeeded, got {first.Status}");
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix)); // the lost write did land
        Assert.Equal(201, retry.Status);
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
        var stored = await api.StoredItemsAsync("alice", Keys.MeasurementPrefix);
        Assert.Equal(stored[0]["id"].S, retry.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_ResponseLostThenRetriedWithOtherBody_Returns422()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-3"));
        var other = await api.SendAsync("POST", Path, body: """{"date":"2026-11-19","weightKg":70}""", headers: Key("lost-3"));

        Assert.True(first.Status >= 500);
        Assert.Equal(422, other.Status); // the outcome was unknown: the key stays bound to the first body
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Post_UnknownOutcomeThenARefusedRetry_KeepsTheKeyBoundAndStoresOneMeasurement()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-4"));
        var refused = await api.SendAsync("POST", Path, body: Body, headers: new() { ["idempotency-key"] = "lost-4", ["content-type"] = "text/plain" });
        var retry = await api.SendAsync("POST", Path, body: Body, headers: Key("lost-4"));

        Assert.True(first.Status >= 500);
        Assert.Equal(415, refused.Status); // refused before writing — but an earlier attempt may have written: the key must stay bound
        Assert.Equal(201, retry.Status);
        var stored = Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
        Assert.Equal(stored["id"].S, retry.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_CompletionThrottled_AnswersTheWorkAndARetryStoresNoSecondMeasurement()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        var throttledCompletions = 0;
        faults.ThrottleWhere = (target, body) =>
            target == "UpdateItem" && body.Contains("COMPLETED", StringComparison.Ordinal) && Interlocked.Increment(ref throttledCompletions) > 0;

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-1"));
        faults.ThrottleWhere = null;
        var retry = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-1"));
        var replay = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-1"));

        Assert.Equal(1, throttledCompletions);
        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Json.GetProperty("id").GetString(), retry.Json.GetProperty("id").GetString());
        Assert.Equal("true", replay.Header("idempotent-replayed"));
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Post_CompletionAndLeaseEndThrottled_RetryAfterTheLeaseStoresNoSecondMeasurement()
    {
        var clock = new ManualClock();
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var api = await ProfilesApi.CreateAsync(dynamo, clock, client, functionTimeout: TimeSpan.FromSeconds(10));
        faults.ThrottleWhere = (target, body) => target == "UpdateItem" && (body.Contains("COMPLETED", StringComparison.Ordinal) || body.Contains(":zero", StringComparison.Ordinal));

        var first = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-2"));
        faults.ThrottleWhere = null;
        var duringLease = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-2"));
        clock.Advance(IdempotencyStore.LeaseFor(TimeSpan.FromSeconds(10)) + TimeSpan.FromSeconds(1));
        var afterLease = await api.SendAsync("POST", Path, body: Body, headers: Key("throttled-2"));

        Assert.Equal(201, first.Status);
        Assert.Equal(409, duringLease.Status);
        Assert.Equal(201, afterLease.Status);
        Assert.Equal(first.Json.GetProperty("id").GetString(), afterLease.Json.GetProperty("id").GetString());
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Wrap_TwoClaimsRacingPastALease_OneMeasurementAndTheLateAttemptCannotOverwriteTheRecord()
    {
        var table = await dynamo.CreateTableAsync();
        var clock = new ManualClock();
        var store = new IdempotencyStore(dynamo.Client, table, TimeSpan.FromSeconds(15), clock);
        var measurements = new MeasurementService(new MeasurementRepository(dynamo.Client, table), new CursorCodec("k"));
        var firstMayWrite = new TaskCompletionSource();
        var firstClaimed = new TaskCompletionSource();
        var attempt = 0;
        var route = IdempotentRoute.Wrap(store, "measurements", async (request, creation) =>
        {
            var mine = Interlocked.Increment(ref attempt);
            if (mine == 1)
            {
                firstClaimed.SetResult();
                await firstMayWrite.Task; // a slow first attempt: still running when its lease runs out
            }

            var input = request.ReadJson(ProfilesJsonContext.Default.MeasurementInput);
            var measurement = await measurements.AddAsync(request.UserId, input, creation, request.CancellationToken);
            return HttpResult.Created(MeasurementResponse.From(measurement), ProfilesJsonContext.Default.MeasurementResponse)
                .WithHeader("x-attempt", mine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }, clock);

        var slow = route(Context("race-1")).AsTask();
        await firstClaimed.Task;
        clock.Advance(TimeSpan.FromSeconds(16));
        var second = await route(Context("race-1"));
        firstMayWrite.SetResult();
        var late = await slow;
        var replay = await route(Context("race-1"));

        Assert.Equal(201, second.StatusCode);
        Assert.Equal(201, late.StatusCode);
        Assert.Equal("2", replay.Headers.Single(h => h.Key == "x-attempt").Value); // the record holds the second attempt's answer
        Assert.Equal("true", replay.Headers.Single(h => h.Key == "idempotent-replayed").Value);
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, table, "alice", Keys.MeasurementPrefix));
        Assert.Equal(2, attempt);
    }

    [Fact]
    public async Task Post_SameKeyOtherBody_Returns422()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await api.SendAsync("POST", Path, body: Body, headers: Key("key-2"));

        var other = await api.SendAsync("POST", Path, body: """{"date":"2026-11-20","weightKg":99}""", headers: Key("key-2"));

        Assert.Equal(422, other.Status);
        Assert.Equal("application/problem+json", other.Header("content-type"));
    }

    [Fact]
    public async Task Post_SameKeyWhileFirstInFlight_Returns409()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var begun = await new IdempotencyStore(dynamo.Client, api.Table, TimeSpan.FromMinutes(1)).BeginAsync("alice", "measurements", "key-3", HashOf(Body), default);
        Assert.Equal(IdempotencyState.Started, begun.State);

        var response = await api.SendAsync("POST", Path, body: Body, headers: Key("key-3"));

        Assert.Equal(409, response.Status);
    }

    [Fact]
    public async Task Post_AbandonedInFlightRecordPastItsLease_IsRecovered()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var crashed = new IdempotencyStore(dynamo.Client, api.Table, TimeSpan.FromMilliseconds(1));
        Assert.Equal(IdempotencyState.Started, (await crashed.BeginAsync("alice", "measurements", "key-4", HashOf(Body), default)).State);
        await Task.Delay(50);

        var response = await api.SendAsync("POST", Path, body: Body, headers: Key("key-4"));

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Post_InvalidBody_ReleasesTheKeySoACorrectedRetryWorks()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var invalid = await api.SendAsync("POST", Path, body: """{"date":"nope"}""", headers: Key("key-5"));
        var corrected = await api.SendAsync("POST", Path, body: Body, headers: Key("key-5"));

        Assert.Equal(400, invalid.Status);
        Assert.Equal(201, corrected.Status);
        Assert.Null(corrected.Header("idempotent-replayed"));
        Assert.Single(await api.StoredItemsAsync("alice", Keys.MeasurementPrefix));
    }

    [Fact]
    public async Task Post_SameKeyDifferentUsers_AreIndependent()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var alice = await api.SendAsync("POST", Path, sub: "alice", body: Body, headers: Key("shared-key"));
        var bob = await api.SendAsync("POST", Path, sub: "bob", body: """{"date":"2026-11-20","weightKg":70}""", headers: Key("shared-key"));

        Assert.Equal(201, alice.Status);
        Assert.Equal(201, bob.Status);
        Assert.NotEqual(alice.Json.GetProperty("id").GetString(), bob.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_KeyTooLong_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("POST", Path, body: Body, headers: Key(new string('k', 256)));

        Assert.Equal(400, response.Status);
    }

    private static Dictionary<string, string> Key(string key) => new() { ["idempotency-key"] = key };

    private static HttpRequestContext Context(string key, string body = Body)
    {
        var request = ApiEvents.Request("POST", Path, sub: "alice", body: body, headers: Key(key));
        return new HttpRequestContext(request, new InvocationContext("r", DateTimeOffset.UtcNow.AddMinutes(1), null, null, false, default), "POST " + Path, null, "alice");
    }

    private static string HashOf(string body) => IdempotentRoute.RequestHash(Context("any", body));
}
