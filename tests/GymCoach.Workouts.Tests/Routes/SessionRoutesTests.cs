using GymCoach.Data;
using GymCoach.TestSupport;
using GymCoach.Data.Contracts;

namespace GymCoach.Workouts.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SessionRoutesTests(DynamoDbFixture dynamo)
{
    private const string Plan = """{"name":"Lower A","exercises":[{"exerciseId":"barbell-back-squat","sets":[{"reps":5,"weightKg":100}]},{"exerciseId":"deadlift","sets":[{"reps":3,"weightKg":140}]}]}""";

    [Fact]
    public async Task FullSession_FromAPlanFifteenSetsThenComplete_IsCompletedWithTheTotalsOfItsSets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var plan = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString();
        var started = await api.ExpectAsync(201, "POST", "/workouts/sessions", $$"""{"planId":"{{plan}}"}""", headers: WorkoutsApi.Key("start-1"));
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal("in_progress", started.GetProperty("status").GetString());
        Assert.Equal(2, started.GetProperty("targets").GetArrayLength());

        var expectedReps = 0;
        var expectedVolume = 0.0;
        for (var i = 0; i < 15; i++)
        {
            var warmup = i % 5 == 0;
            var (exercise, reps, weight) = i < 10 ? ("barbell-back-squat", 5, 100 + (i * 2.5)) : ("deadlift", 3, 140.0);
            var extra = warmup ? "\"type\":\"warmup\"" : "\"rpe\":8.5";
            await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(exercise, reps, weight, extra), headers: WorkoutsApi.Key("set-" + i));
            if (!warmup)
            {
                expectedReps += reps;
                expectedVolume += reps * weight;
            }
        }

        var active = await api.ExpectAsync(200, "GET", "/workouts/sessions/active");
        var completed = await api.ExpectAsync(200, "POST", $"/workouts/sessions/{id}/complete");
        var again = await api.ExpectAsync(200, "POST", $"/workouts/sessions/{id}/complete");
        var read = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);

        Assert.Equal(id, active.GetProperty("id").GetString());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.True(completed.GetProperty("durationSeconds").GetInt64() >= 0);
        Assert.Equal(completed.GetProperty("completedAt").GetString(), again.GetProperty("completedAt").GetString());
        var totals = read.GetProperty("totals");
        Assert.Equal(15, totals.GetProperty("sets").GetInt64());
        Assert.Equal(expectedReps, totals.GetProperty("reps").GetInt64());
        Assert.Equal(expectedVolume, totals.GetProperty("volumeKg").GetDouble(), 3);
        Assert.Equal(15, read.GetProperty("sets").GetArrayLength());
        Assert.Equal(10, read.GetProperty("exerciseSets").GetProperty("barbell-back-squat").GetInt64());
        Assert.Equal(15, (await api.StoredSetsAsync("alice", id)).Count);
        await api.ExpectAsync(404, "GET", "/workouts/sessions/active");
    }

    [Fact]
    public async Task History_PagesNewestFirstWithCursors_AndFiltersByExercise()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await api.StartSessionAsync($$"""{"name":"Session {{i}}"}""");
            ids.Add(id);
            if (i is 1 or 3)
            {
                await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("deadlift", 3, 150));
            }

            await Task.Delay(2); // distinct start times
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "2" };
            if (cursor is not null)
            {
                query["cursor"] = cursor;
            }

            var page = await api.ExpectAsync(200, "GET", "/workouts/sessions", query: query);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10);

        var deadlifts = await api.ExpectAsync(200, "GET", "/workouts/sessions", query: new() { ["exerciseId"] = "deadlift", ["limit"] = "1" });
        var rest = await api.ExpectAsync(200, "GET", "/workouts/sessions", query: new() { ["exerciseId"] = "deadlift", ["cursor"] = deadlifts.GetProperty("nextCursor").GetString()! });

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.False(deadlifts.GetProperty("items")[0].TryGetProperty("targets", out _)); // history pages stay small
        Assert.Equal(3, pages);
        Assert.Equal(ids[3], Assert.Single(deadlifts.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(ids[1], Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.False(rest.TryGetProperty("nextCursor", out _));
    }

    [Fact]
    public async Task EditSet_OfACompletedSession_NeedsIfMatchMovesTheTotalsAndIsRecorded()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.Zero));
        var api = await WorkoutsApi.CreateAsync(dynamo, time: clock);
        var id = await api.StartSessionAsync();
        var set = await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("barbell-back-squat", 5, 100));
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("deadlift", 3, 140));
        var completed = await api.ExpectAsync(200, "POST", $"/workouts/sessions/{id}/complete");
        var setPath = $"/workouts/sessions/{id}/sets/{set.GetProperty("id").GetString()}";
        var corrected = WorkoutsApi.Set("barbell-back-squat", 6, 100);
        clock.Advance(TimeSpan.FromMinutes(3)); // a correction made later must not re-time the set

        await api.ExpectAsync(428, "PUT", setPath, corrected);
        await api.ExpectAsync(404, "PUT", setPath, corrected, sub: "mallory", headers: WorkoutsApi.IfMatch(1));
        var replaced = await api.ExpectAsync(200, "PUT", setPath, corrected, headers: WorkoutsApi.IfMatch(1));
        await api.ExpectAsync(412, "PUT", setPath, corrected, headers: WorkoutsApi.IfMatch(1));
        var afterEdit = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);

        Assert.Equal(2, replaced.GetProperty("version").GetInt64());
        Assert.Equal(set.GetProperty("loggedAt").GetString(), replaced.GetProperty("loggedAt").GetString()); // a correction keeps its time
        Assert.Equal(9, afterEdit.GetProperty("totals").GetProperty("reps").GetInt64());
        Assert.Equal((6 * 100) + (3 * 140), afterEdit.GetProperty("totals").GetProperty("volumeKg").GetDouble(), 3);
        Assert.Equal(3, afterEdit.GetProperty("revision").GetInt64());
        Assert.True(string.CompareOrdinal(afterEdit.GetProperty("changedAt").GetString(), completed.GetProperty("completedAt").GetString()) >= 0);

        await api.ExpectAsync(204, "DELETE", setPath, headers: WorkoutsApi.IfMatch(2));
        var afterDelete = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);
        Assert.Equal(1, afterDelete.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(3, afterDelete.GetProperty("totals").GetProperty("reps").GetInt64());
        Assert.False(afterDelete.GetProperty("exerciseSets").TryGetProperty("barbell-back-squat", out _));
        Assert.Single(await api.StoredSetsAsync("alice", id));
    }

    [Fact]
    public async Task Discard_WithIfMatch_RemovesTheSessionItsSetsAndItsHistory()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        for (var i = 0; i < 30; i++)
        {
            await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("pull-up", 8, 0));
        }

        var version = (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("version").GetInt64();
        await api.ExpectAsync(428, "DELETE", "/workouts/sessions/" + id);
        await api.ExpectAsync(404, "DELETE", "/workouts/sessions/" + id, sub: "mallory", headers: WorkoutsApi.IfMatch(version));
        await api.ExpectAsync(412, "DELETE", "/workouts/sessions/" + id, headers: WorkoutsApi.IfMatch(1)); // read before the 30 sets
        Assert.Equal(30, (await api.StoredSetsAsync("alice", id)).Count);
        await api.ExpectAsync(204, "DELETE", "/workouts/sessions/" + id, headers: WorkoutsApi.IfMatch(version));

        await api.ExpectAsync(404, "GET", "/workouts/sessions/" + id);
        await api.ExpectAsync(404, "GET", "/workouts/sessions/active");
        await api.ExpectAsync(404, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("pull-up", 8, 0));
        var history = await api.ExpectAsync(200, "GET", "/workouts/sessions");
        var pullUps = await api.ExpectAsync(200, "GET", "/workouts/exercises/pull-up/sets");
        Assert.Equal(0, history.GetProperty("items").GetArrayLength());
        Assert.Equal(0, pullUps.GetProperty("items").GetArrayLength());
        Assert.Empty(await api.StoredAsync("alice", Keys.SessionPrefix));
        Assert.Empty(await api.StoredAsync("alice", Keys.ActiveSessionPrefix));
    }

    [Fact]
    public async Task Active_WithTwoOpenSessions_IsTheNewest()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var first = await api.StartSessionAsync();
        await Task.Delay(2);
        var second = await api.StartSessionAsync();

        var active = await api.ExpectAsync(200, "GET", "/workouts/sessions/active");
        await api.ExpectAsync(200, "POST", $"/workouts/sessions/{second}/complete");
        var then = await api.ExpectAsync(200, "GET", "/workouts/sessions/active");

        Assert.Equal(second, active.GetProperty("id").GetString());
        Assert.Equal(first, then.GetProperty("id").GetString());
        await api.ExpectAsync(404, "GET", "/workouts/sessions/active", sub: "mallory");
    }

    [Fact]
    public async Task Get_IfNoneMatchAfterAnotherDeviceLoggedASet_AnswersTheNewSetsNot304()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        var first = await api.SendAsync("GET", "/workouts/sessions/" + id);
        var etag = first.Header("etag")!;

        var unchanged = await api.SendAsync("GET", "/workouts/sessions/" + id, headers: new() { ["if-none-match"] = etag });
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set());
        var changed = await api.SendAsync("GET", "/workouts/sessions/" + id, headers: new() { ["if-none-match"] = etag });

        Assert.Equal(304, unchanged.Status);
        Assert.Equal(200, changed.Status);
        Assert.Equal(1, changed.Json.GetProperty("sets").GetArrayLength());
        Assert.NotEqual(etag, changed.Header("etag"));
    }

    [Theory]
    [InlineData("/workouts/sessions")]
    [InlineData("/workouts/exercises/deadlift/sets")]
    [InlineData("/workouts/schedule")]
    public async Task List_FromAfterTo_Returns400NamingTo(string path)
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", path, query: new() { ["from"] = "2026-02-01", ["to"] = "2026-01-01" });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("to", out _), response.Body);
    }

    [Fact]
    public async Task Start_FromAScheduledEntryResponseLostThenRetried_ReplaysTheSessionInsteadOf409()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await WorkoutsApi.CreateAsync(dynamo, client);
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var entry = (await api.ExpectAsync(201, "POST", "/workouts/schedule", $$"""{"date":"{{day}}","name":"Legs"}""")).GetProperty("id").GetString();
        var body = $$"""{"scheduledId":"{{entry}}"}""";
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", "/workouts/sessions", body: body, headers: WorkoutsApi.Key("start"));
        Assert.True(first.Status >= 500, first.ToString());
        var retry = await api.SendAsync("POST", "/workouts/sessions", body: body, headers: WorkoutsApi.Key("start"));
        var other = await api.SendAsync("POST", "/workouts/sessions", body: body, headers: WorkoutsApi.Key("another"));

        Assert.Equal(201, retry.Status);
        Assert.Equal("true", retry.Header("idempotent-replayed"));
        Assert.Equal(409, other.Status);
        var stored = Assert.Single(await api.StoredAsync("alice", Keys.SessionPrefix), i => i["entity"].S == EntityTypes.WorkoutSession);
        Assert.Equal(stored["id"].S, retry.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task CreatePlan_NotesFullOfCharactersJsonEscapes_IsStoredWithinTheItemLimit()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var sets = string.Join(',', Enumerable.Range(0, 10).Select(_ => $$"""{"reps":5,"notes":"{{new string('<', 200)}}"}"""));
        var exercises = string.Join(',', Enumerable.Range(0, 40).Select(_ => $$"""{"exerciseId":"deadlift","notes":"{{new string('é', 1000)}}","sets":[{{sets}}]}"""));

        var plan = await api.ExpectAsync(201, "POST", "/workouts/plans", $$"""{"name":"Big","exercises":[{{exercises}}]}""");
        var session = await api.ExpectAsync(201, "POST", "/workouts/sessions", $$"""{"planId":"{{plan.GetProperty("id").GetString()}}"}""");

        Assert.Equal(new string('<', 200), session.GetProperty("targets")[39].GetProperty("sets")[9].GetProperty("notes").GetString());
    }
}
