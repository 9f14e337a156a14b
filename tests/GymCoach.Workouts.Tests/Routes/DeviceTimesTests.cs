using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>A session logged live by a device that states its own times and ids (offline moments in between).</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DeviceTimesTests(DynamoDbFixture dynamo)
{
    private const string SetId = "0f9e8d7c-6b5a-4c3d-9e1f-0a9b8c7d6e5f";

    [Fact]
    public async Task StartAndComplete_WithTheDevicesTimes_KeepTheirOffsetsAndTimeTheSessionByThem()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var started = await api.ExpectAsync(201, "POST", "/workouts/sessions", """{"name":"Legs","startedAt":"2026-12-01T07:05:00+11:00"}""");
        var id = started.GetProperty("id").GetString()!;
        var completed = await api.ExpectAsync(200, "POST", $"/workouts/sessions/{id}/complete", """{"completedAt":"2026-12-01T08:15:30+11:00"}""");

        Assert.Equal("2026-11-30T20:05:00Z", started.GetProperty("startedAt").GetString());
        Assert.Equal("2026-12-01T07:05:00+11:00", started.GetProperty("startedAtLocal").GetString());
        Assert.Equal("2026-12-01T08:15:30+11:00", completed.GetProperty("completedAtLocal").GetString());
        Assert.Equal(4230, completed.GetProperty("durationSeconds").GetInt64());
        var read = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);
        Assert.Equal("2026-11-30T21:15:30Z", read.GetProperty("completedAt").GetString());
        Assert.Equal("2026-12-01T08:15:30+11:00", read.GetProperty("completedAtLocal").GetString());
    }

    [Fact]
    public async Task Complete_BeforeItsStartOrADayAfter_Is422AndLeavesItInProgress()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync("""{"startedAt":"2026-12-01T07:05:00+11:00"}""");

        var before = await api.SendAsync("POST", $"/workouts/sessions/{id}/complete", body: """{"completedAt":"2026-12-01T07:00:00+11:00"}""");
        var dayAfter = await api.SendAsync("POST", $"/workouts/sessions/{id}/complete", body: """{"completedAt":"2026-12-02T07:05:01+11:00"}""");
        var malformed = await api.SendAsync("POST", $"/workouts/sessions/{id}/complete", body: """{"completedAt":"tomorrow"}""");

        Assert.Equal(422, before.Status);
        Assert.Equal(422, dayAfter.Status);
        Assert.Equal(400, malformed.Status);
        Assert.Equal("in_progress", (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task LogSet_TheDevicesIdSentTwice_LandsOnceAndAnswersTheStoredSet()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        var body = WorkoutsApi.Set(extra: $$"""
            "id":"{{SetId}}","performedAt":"2026-12-01T07:20:00+11:00"
            """);

        var first = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: body);
        var again = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: body);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(SetId, first.Json.GetProperty("id").GetString());
        Assert.Equal("2026-11-30T20:20:00Z", first.Json.GetProperty("loggedAt").GetString());
        Assert.Single(await api.StoredSetsAsync("alice", id));
        Assert.Equal(1, (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("totals").GetProperty("sets").GetInt64());
    }

    [Fact]
    public async Task LogSet_TheSameIdWithoutATimeSentTwice_LandsOnce()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        var body = WorkoutsApi.Set(extra: $$"""
            "id":"{{SetId}}"
            """);

        var first = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: body);
        await Task.Delay(1100); // the server's clock moves on: a resend without a time must still be the same set
        var again = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: body);

        Assert.Equal((201, 201), (first.Status, again.Status));
        Assert.Equal(first.Body, again.Body);
        Assert.Single(await api.StoredSetsAsync("alice", id));
    }

    [Fact]
    public async Task LogSet_ADifferentSetUnderATakenId_Is409WithTheStoredSetAndChangesNothing()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(reps: 5, extra: $$"""
            "id":"{{SetId}}"
            """));

        var other = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(reps: 8, extra: $$"""
            "id":"{{SetId}}"
            """));

        Assert.Equal(409, other.Status);
        Assert.Equal(5, other.Json.GetProperty("current").GetProperty("reps").GetInt32());
        Assert.Equal("\"1\"", other.Header("etag"));
        var session = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);
        Assert.Equal(5, session.GetProperty("totals").GetProperty("reps").GetInt64());
    }

    [Fact]
    public async Task LogSet_MalformedIdOrBothTimes_Is400NamingTheField()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();

        var badId = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(extra: "\"id\":\"SET#1\""));
        var both = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(extra: "\"loggedAt\":\"2026-12-01T07:20:00Z\",\"performedAt\":\"2026-12-01T07:20:00Z\""));

        Assert.True(badId.Status == 400 && badId.Json.GetProperty("errors").TryGetProperty("id", out _), badId.Body);
        Assert.True(both.Status == 400 && both.Json.GetProperty("errors").TryGetProperty("performedAt", out _), both.Body);
        Assert.Empty(await api.StoredSetsAsync("alice", id));
    }

    [Fact]
    public async Task Complete_WithoutABodyMoreThanADayAfterTheDevicesStart_Is422()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync("""{"startedAt":"1999-12-31T23:00:00+01:00"}""");

        var refused = await api.SendAsync("POST", $"/workouts/sessions/{id}/complete");

        Assert.Equal(422, refused.Status);
        Assert.Equal("in_progress", (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("status").GetString());
    }
}
