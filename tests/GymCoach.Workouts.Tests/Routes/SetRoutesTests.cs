using GymCoach.Data;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Workouts.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SetRoutesTests(DynamoDbFixture dynamo, ITestOutputHelper output)
{
    private const string Transact = "TransactWriteItems";

    [Fact]
    public async Task LogSet_WarmHappyPath_IsOneWriteAfterTheAccountFenceRead()
    {
        using var client = dynamo.CreateFaultyClient(new FaultInjectingHandler(), maxErrorRetry: 2);
        var api = await WorkoutsApi.CreateAsync(dynamo, client, countRequests: true);
        var id = await api.StartSessionAsync();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(), headers: WorkoutsApi.Key("first")); // the exercise is checked once
        var from = api.Log.Lines.Count;

        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(reps: 4), headers: WorkoutsApi.Key("second"));
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(reps: 3));

        Assert.Equal([2.0, 2.0], api.Metric(DynamoDbRequestMetrics.Total, from));
        Assert.Equal([1.0, 1.0], api.Metric("DynamoDbTransactWriteItems", from));
        Assert.Equal([1.0, 1.0], api.Metric("DynamoDbGetItem", from)); // the account fence
    }

    [Fact]
    public async Task RequestsPerRoute_ReadFromTheMetrics_AreWhatEachRouteNeeds()
    {
        using var client = dynamo.CreateFaultyClient(new FaultInjectingHandler(), maxErrorRetry: 2);
        var api = await WorkoutsApi.CreateAsync(dynamo, client, countRequests: true);
        var plan = (await api.ExpectAsync(201, "POST", "/workouts/plans", """{"name":"A","exercises":[{"exerciseId":"deadlift","sets":[{"reps":5}]}]}""")).GetProperty("id").GetString();
        var counts = new List<(string Route, double Requests)>();

        async Task<System.Text.Json.JsonElement> Measure(string route, int status, string method, string path, string? body = null, Dictionary<string, string>? headers = null)
        {
            var from = api.Log.Lines.Count;
            var answer = await api.ExpectAsync(status, method, path, body, headers: headers);
            counts.Add((route, api.Metric(DynamoDbRequestMetrics.Total, from).Sum()));
            return answer;
        }

        var session = (await Measure("POST /workouts/sessions (from a plan)", 201, "POST", "/workouts/sessions", $$"""{"planId":"{{plan}}"}""", WorkoutsApi.Key("s"))).GetProperty("id").GetString();
        var set = (await Measure("POST /workouts/sessions/{id}/sets (warm)", 201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift"), WorkoutsApi.Key("k"))).GetProperty("id").GetString();
        await Measure("POST /workouts/sessions/{id}/sets (replayed)", 201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift"), WorkoutsApi.Key("k"));
        await Measure("PUT /workouts/sessions/{id}/sets/{setId}", 200, "PUT", $"/workouts/sessions/{session}/sets/{set}", WorkoutsApi.Set("deadlift", 6), WorkoutsApi.IfMatch(1));
        await Measure("GET /workouts/sessions/{id}", 200, "GET", "/workouts/sessions/" + session);
        await Measure("GET /workouts/sessions/active", 200, "GET", "/workouts/sessions/active");
        await Measure("POST /workouts/sessions/{id}/complete", 200, "POST", $"/workouts/sessions/{session}/complete");
        await Measure("GET /workouts/sessions", 200, "GET", "/workouts/sessions");
        await Measure("GET /workouts/exercises/{id}/sets (warm)", 200, "GET", "/workouts/exercises/deadlift/sets");
        await Measure("POST /workouts/plans (exercises known)", 201, "POST", "/workouts/plans", """{"name":"B","exercises":[{"exerciseId":"deadlift"}]}""");
        await Measure("GET /workouts/plans", 200, "GET", "/workouts/plans");

        foreach (var (route, requests) in counts)
        {
            output.WriteLine($"{requests,3}  {route}");
        }

        Assert.Equal(
            [3, 2, 2, 3, 2, 3, 3, 2, 2, 2, 2], // each counts the account fence's read
            counts.Select(c => c.Requests));
    }

    [Fact]
    public async Task LogSet_ResponseLostAndSdkRetriesSpent_PhoneRetryReplaysAndOneSetLands()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await WorkoutsApi.CreateAsync(dynamo, client);
        var id = await api.StartSessionAsync();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("deadlift", 1, 60)); // exercise known from here on
        faults.LoseResponseNext(1, "TransactWriteItems");

        var first = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(), headers: WorkoutsApi.Key("lost-1"));
        Assert.True(first.Status >= 500, $"the first attempt cannot know it succeeded: {first}");
        Assert.Equal(2, (await api.StoredSetsAsync("alice", id)).Count); // the lost write did land
        var retry = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(), headers: WorkoutsApi.Key("lost-1"));
        var session = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);

        Assert.Equal(201, retry.Status);
        Assert.Equal("true", retry.Header("idempotent-replayed"));
        var stored = await api.StoredSetsAsync("alice", id);
        Assert.Equal(2, stored.Count);
        Assert.Contains(stored, s => s["id"].S == retry.Json.GetProperty("id").GetString());
        Assert.Equal(2, session.GetProperty("totals").GetProperty("sets").GetInt64());
    }

    [Fact]
    public async Task LogSet_ResponseLostThenTheSdkRetries_AnswersTheFirstSetOnce()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2, timeout: TimeSpan.FromSeconds(1));
        var api = await WorkoutsApi.CreateAsync(dynamo, client);
        var id = await api.StartSessionAsync();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set("deadlift", 1, 60));
        faults.LoseResponseNext(2, "TransactWriteItems");

        var keyed = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(), headers: WorkoutsApi.Key("sdk-retry"));
        var unkeyed = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(reps: 2));

        Assert.True(faults.Forwarded[Transact] >= 5, "both lost writes were retried by the SDK");
        Assert.Equal(201, keyed.Status);
        Assert.Equal(201, unkeyed.Status);
        var stored = await api.StoredSetsAsync("alice", id);
        Assert.Equal(3, stored.Count);
        Assert.Contains(stored, s => s["id"].S == keyed.Json.GetProperty("id").GetString());
        Assert.Contains(stored, s => s["id"].S == unkeyed.Json.GetProperty("id").GetString());
        Assert.Equal(3, (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("totals").GetProperty("sets").GetInt64());
    }

    [Fact]
    public async Task LogSet_SameKeyWithAnotherBody_Returns422AndLogsNothingMore()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(), headers: WorkoutsApi.Key("k1"));

        await api.ExpectAsync(422, "POST", $"/workouts/sessions/{id}/sets", WorkoutsApi.Set(reps: 9), headers: WorkoutsApi.Key("k1"));

        Assert.Single(await api.StoredSetsAsync("alice", id));
    }

    [Fact]
    public async Task LogSet_InvalidFields_Returns400NamingEachAndAKeyStaysFree()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();

        var bad = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: """{"exerciseId":"barbell-back-squat","reps":-1,"rpe":7.3,"type":"heavy","loggedAt":"yesterday"}""", headers: WorkoutsApi.Key("fix-me"));
        var unknown = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set("no-such-lift"), headers: WorkoutsApi.Key("fix-me"));
        var fixedUp = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", body: WorkoutsApi.Set(), headers: WorkoutsApi.Key("fix-me"));

        Assert.Equal(400, bad.Status);
        var errors = bad.Json.GetProperty("errors");
        foreach (var field in new[] { "reps", "rpe", "type", "loggedAt" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named: {bad.Body}");
        }

        Assert.Equal(400, unknown.Status);
        Assert.True(unknown.Json.GetProperty("errors").TryGetProperty("exerciseId", out _));
        Assert.Equal(201, fixedUp.Status);
        Assert.Single(await api.StoredSetsAsync("alice", id));
    }

    [Fact]
    public async Task LogSet_FiftyConcurrentFromTwoDevicesWhileAnotherUserPostsToTheSession_AllLandOnceAndTheOthersAre404()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();
        var path = $"/workouts/sessions/{id}/sets";

        // Each of the owner's posts is sent twice (a retry racing its first attempt), as a bad network does.
        var owner = Enumerable.Range(0, 50).SelectMany(i => new[] { i, i }).Select(i => Task.Run(() =>
            api.SendAsync("POST", path, body: WorkoutsApi.Set(i % 2 == 0 ? "barbell-back-squat" : "deadlift", 1 + (i % 10), 100), headers: WorkoutsApi.Key($"device-{i % 2}-set-{i}"))));
        var other = Enumerable.Range(0, 25).Select(i => Task.Run(() =>
            api.SendAsync("POST", path, "mallory", WorkoutsApi.Set(), WorkoutsApi.Key($"mallory-{i}"))));
        var answers = await Task.WhenAll(owner.Concat(other));

        var ownerAnswers = answers.Take(100).ToList();
        Assert.All(ownerAnswers, a => Assert.True(a.Status == 201, a.ToString())); // a twin never sees its key "in flight": the record lands with the set
        var created = ownerAnswers.Where(a => a.Status == 201).Select(a => a.Json.GetProperty("id").GetString()).Distinct().ToList();
        var stored = await api.StoredSetsAsync("alice", id);
        Assert.Equal(50, stored.Count);
        Assert.Equal(stored.Select(s => s["id"].S).Order(), created.Order()!);
        Assert.All(answers.Skip(100), a => Assert.Equal(404, a.Status));
        Assert.Empty(await api.StoredAsync("mallory", string.Empty));
        var totals = (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id)).GetProperty("totals");
        Assert.Equal(50, totals.GetProperty("sets").GetInt64());
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => 1 + (i % 10)), totals.GetProperty("reps").GetInt64());
    }

    [Fact]
    public async Task ExerciseSets_PagesEverySetOfOneExerciseNewestFirstAcrossSessions()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var expected = new List<string>();
        foreach (var session in new[] { await api.StartSessionAsync(), await api.StartSessionAsync() })
        {
            for (var i = 0; i < 4; i++)
            {
                start = start.AddMinutes(5);
                var loggedAt = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
                var squat = await api.ExpectAsync(201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("barbell-back-squat", 5, 100 + i, $"\"loggedAt\":\"{loggedAt}\""));
                expected.Add(squat.GetProperty("id").GetString()!);
                await api.ExpectAsync(201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift", 3, 140, $"\"loggedAt\":\"{loggedAt}\""));
            }
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "3" };
            if (cursor is not null)
            {
                query["cursor"] = cursor;
            }

            var page = await api.ExpectAsync(200, "GET", "/workouts/exercises/barbell-back-squat/sets", query: query);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null && seen.Count < 100);

        expected.Reverse();
        Assert.Equal(expected, seen);
        var first = await api.ExpectAsync(200, "GET", "/workouts/exercises/barbell-back-squat/sets", query: new() { ["limit"] = "1" });
        var owners = first.GetProperty("nextCursor").GetString()!;
        await api.ExpectAsync(400, "GET", "/workouts/exercises/barbell-back-squat/sets", sub: "mallory", query: new() { ["cursor"] = owners });
        await api.ExpectAsync(400, "GET", "/workouts/exercises/deadlift/sets", query: new() { ["cursor"] = owners }); // another exercise's query
        Assert.Equal(0, (await api.ExpectAsync(200, "GET", "/workouts/exercises/barbell-back-squat/sets", sub: "mallory")).GetProperty("items").GetArrayLength());
        await api.ExpectAsync(404, "GET", "/workouts/exercises/no-such-lift/sets");
    }

    [Fact]
    public async Task LogSet_InvalidBodyIntoAnotherUsersSession_Returns404NotItsErrors()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();

        var response = await api.SendAsync("POST", $"/workouts/sessions/{id}/sets", "mallory", WorkoutsApi.Set("no-such-lift"));

        Assert.Equal(404, response.Status);
        Assert.Empty(await api.StoredAsync("mallory", string.Empty));
    }

    [Fact]
    public async Task LogSet_TinyDistances_AreStoredAtMillimetresAndTheTotalsEqualTheSets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = await api.StartSessionAsync();

        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", """{"exerciseId":"treadmill-run","distanceMeters":1e-200}""");
        for (var i = 0; i < 10; i++)
        {
            await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", """{"exerciseId":"treadmill-run","distanceMeters":0.0006,"durationSeconds":60}""");
        }

        var session = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + id);
        var sum = session.GetProperty("sets").EnumerateArray().Sum(s => s.TryGetProperty("distanceMeters", out var d) ? d.GetDouble() : 0);
        Assert.Equal(sum, session.GetProperty("totals").GetProperty("distanceMeters").GetDouble(), 6);
        Assert.Equal(0.01, sum, 6);
    }
}
