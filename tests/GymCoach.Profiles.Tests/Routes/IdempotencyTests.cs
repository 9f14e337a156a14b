using GymCoach.Data.Idempotency;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

/// <summary>Idempotency-Key on POST /profiles/me/measurements, against DynamoDB Local.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class IdempotencyTests(DynamoDbFixture dynamo)
{
    private const string Body = """{"date":"2026-11-20","weightKg":80.5}""";

    [Fact]
    public async Task Post_SameKeyAndBody_ReplaysTheFirstResponseAndStoresOnce()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "key-1" };

        var first = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers);
        var second = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers);
        var list = await api.SendAsync("GET", "/profiles/me/measurements");

        Assert.Equal(201, first.Status);
        Assert.Equal(201, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Header("idempotent-replayed"));
        Assert.Single(list.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Post_SameKeyOtherBody_Returns422()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "key-2" };
        await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: headers);

        var other = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-20","weightKg":99}""", headers: headers);

        Assert.Equal(422, other.Status);
        Assert.Equal("application/problem+json", other.Header("content-type"));
    }

    [Fact]
    public async Task Post_SameKeyWhileFirstInFlight_Returns409()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var hash = HashOf(Body);
        await new IdempotencyStore(dynamo.Client, api.Table).BeginAsync("alice", "measurements", "key-3", hash, default);

        var response = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: new() { ["idempotency-key"] = "key-3" });

        Assert.Equal(409, response.Status);
    }

    [Fact]
    public async Task Post_AbandonedInFlightRecordPastItsLease_IsRecovered()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var crashed = new IdempotencyStore(dynamo.Client, api.Table, lease: TimeSpan.FromMilliseconds(1));
        await crashed.BeginAsync("alice", "measurements", "key-4", HashOf(Body), default);
        await Task.Delay(50);

        var response = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: new() { ["idempotency-key"] = "key-4" });

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Post_InvalidBody_ReleasesTheKeySoACorrectedRetryWorks()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "key-5" };

        var invalid = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"nope"}""", headers: headers);
        var again = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"nope"}""", headers: headers);

        Assert.Equal(400, invalid.Status);
        Assert.Equal(400, again.Status);
    }

    [Fact]
    public async Task Post_SameKeyDifferentUsers_AreIndependent()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var headers = new Dictionary<string, string> { ["idempotency-key"] = "shared-key" };

        var alice = await api.SendAsync("POST", "/profiles/me/measurements", sub: "alice", body: Body, headers: headers);
        var bob = await api.SendAsync("POST", "/profiles/me/measurements", sub: "bob", body: """{"date":"2026-11-20","weightKg":70}""", headers: headers);

        Assert.Equal(201, alice.Status);
        Assert.Equal(201, bob.Status);
        Assert.NotEqual(alice.Json.GetProperty("id").GetString(), bob.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_KeyTooLong_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("POST", "/profiles/me/measurements", body: Body, headers: new() { ["idempotency-key"] = new string('k', 256) });

        Assert.Equal(400, response.Status);
    }

    private static string HashOf(string body)
    {
        var request = ApiEvents.Request("POST", "/profiles/me/measurements", body: body);
        var context = new GymCoach.Lambda.Http.HttpRequestContext(request, new GymCoach.Lambda.Runtime.InvocationContext("r", DateTimeOffset.UtcNow.AddMinutes(1), null, null, false, default), "POST /profiles/me/measurements", null, "alice");
        return IdempotentRoute.RequestHash(context);
    }
}
