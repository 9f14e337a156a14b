using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SessionUploadTests(DynamoDbFixture dynamo)
{
    private const string SessionId = "5b0e3c1a-2f4d-4e6b-8a9c-1d2e3f4a5b6c";

    /// <summary>A workout done in Sydney (+11:00): a warm-up, two squat sets with their own times, and deadlifts without.</summary>
    private static string Workout(string startedAt = "2026-12-01T07:05:00+11:00", string completedAt = "2026-12-01T08:10:00+11:00", double topWeight = 100, bool withDeadlifts = true) => $$"""
        {"name":"Legs","startedAt":"{{startedAt}}","completedAt":"{{completedAt}}","exercises":[
          {"exerciseId":"barbell-back-squat","sets":[
            {"id":"00000000-0000-4000-8000-000000000001","type":"warmup","reps":10,"weightKg":60},
            {"id":"00000000-0000-4000-8000-000000000002","reps":5,"weightKg":{{topWeight.ToString(CultureInfo.InvariantCulture)}},"rpe":8,"performedAt":"2026-12-01T07:20:00+11:00"},
            {"id":"00000000-0000-4000-8000-000000000003","reps":5,"weightKg":100,"performedAt":"2026-11-30T20:25:00Z"}]}
          {{(withDeadlifts ? """,{"exerciseId":"deadlift","sets":[{"id":"00000000-0000-4000-8000-000000000004","reps":3,"weightKg":140},{"id":"00000000-0000-4000-8000-000000000005","reps":3,"weightKg":140}]}""" : "")}}]}
        """;

    [Fact]
    public async Task Upload_NewWorkout_IsCreatedWithTheDevicesOffsetsAndTheTotalsOfItsSets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout());

        Assert.Equal(201, response.Status);
        Assert.Equal("\"1\"", response.Header("etag"));
        Assert.Equal("/workouts/sessions/" + SessionId, response.Header("location"));
        var session = response.Json;
        Assert.Equal(SessionId, session.GetProperty("id").GetString());
        Assert.Equal("completed", session.GetProperty("status").GetString());
        Assert.Equal("2026-11-30T20:05:00Z", session.GetProperty("startedAt").GetString());
        Assert.Equal("2026-12-01T07:05:00+11:00", session.GetProperty("startedAtLocal").GetString());
        Assert.Equal("2026-12-01T08:10:00+11:00", session.GetProperty("completedAtLocal").GetString());
        Assert.Equal(3900, session.GetProperty("durationSeconds").GetInt64());
        Assert.Equal(5, session.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(16, session.GetProperty("totals").GetProperty("reps").GetInt64()); // the warm-up counts as a set only
        Assert.Equal(5 * 100 + 5 * 100 + 2 * 3 * 140, session.GetProperty("totals").GetProperty("volumeKg").GetDouble(), 3);
        Assert.Equal(3, session.GetProperty("exerciseSets").GetProperty("barbell-back-squat").GetInt64());
        var sets = session.GetProperty("sets").EnumerateArray().ToList();
        // Sets without their own time sit at the start, in the upload's order; timed ones at their time.
        Assert.Equal(["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000004", "00000000-0000-4000-8000-000000000005", "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"],
            sets.Select(s => s.GetProperty("id").GetString()!).ToArray());
        Assert.Equal("2026-11-30T20:20:00Z", sets[3].GetProperty("loggedAt").GetString());
        Assert.Equal(5, (await api.StoredSetsAsync("alice", SessionId)).Count);
        var read = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + SessionId);
        Assert.Equal(session.GetProperty("sets").GetRawText(), read.GetProperty("sets").GetRawText());
        Assert.Equal("2026-12-01T07:05:00+11:00", read.GetProperty("startedAtLocal").GetString());
    }

    [Fact]
    public async Task Upload_SameUploadAgain_AnswersAsTheFirstDidAndWritesNothing()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var first = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout());
        Assert.Equal(201, first.Status);

        // The same workout, spelt differently (members reordered, whitespace), as a retry after a lost answer.
        var respelt = JsonSerializer.Serialize(JsonDocument.Parse(Workout()).RootElement);
        var again = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: respelt);

        Assert.Equal(201, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal("\"1\"", again.Header("etag"));
        Assert.Equal(5, (await api.StoredSetsAsync("alice", SessionId)).Count);
    }

    [Fact]
    public async Task Upload_ChangedWithoutIfMatch_Is412WithTheSessionAsItIsAndChangesNothing()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, Workout());

        var refused = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(topWeight: 105));

        Assert.Equal(412, refused.Status);
        Assert.Equal("application/problem+json", refused.Header("content-type"));
        Assert.Equal("\"1\"", refused.Header("etag"));
        var current = refused.Json.GetProperty("current");
        Assert.Equal(SessionId, current.GetProperty("id").GetString());
        Assert.Equal(100, current.GetProperty("sets").EnumerateArray().Single(s => s.GetProperty("id").GetString()!.EndsWith("02", StringComparison.Ordinal)).GetProperty("weightKg").GetDouble());
        var stored = await api.ExpectAsync(200, "GET", "/workouts/sessions/" + SessionId);
        Assert.Equal(1, stored.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Upload_WithCurrentIfMatch_ReplacesOnlyTheSetsThatChanged()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, Workout());

        var edited = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(topWeight: 105, withDeadlifts: false), headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(200, edited.Status);
        Assert.Equal("\"2\"", edited.Header("etag"));
        var sets = edited.Json.GetProperty("sets").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()![^1], s => s);
        Assert.Equal(3, sets.Count);
        Assert.Equal(2, sets['2'].GetProperty("version").GetInt64());
        Assert.Equal(105, sets['2'].GetProperty("weightKg").GetDouble());
        Assert.Equal(1, sets['1'].GetProperty("version").GetInt64());
        Assert.Equal(3, edited.Json.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(5 * 105 + 5 * 100, edited.Json.GetProperty("totals").GetProperty("volumeKg").GetDouble(), 3);
        Assert.False(edited.Json.GetProperty("exerciseSets").TryGetProperty("deadlift", out _));
        Assert.Equal(3, (await api.StoredSetsAsync("alice", SessionId)).Count);

        var stale = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(topWeight: 110), headers: WorkoutsApi.IfMatch(1));
        Assert.Equal(412, stale.Status);
        Assert.Equal(2, stale.Json.GetProperty("current").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Upload_IfMatchOnASessionThatIsNotThere_Is404AndCreatesNothing()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var refused = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(), headers: WorkoutsApi.IfMatch(3));

        Assert.Equal(404, refused.Status);
        Assert.Empty(await api.StoredAsync("alice", Keys.Session(SessionId)));
    }

    [Fact]
    public async Task Upload_DiscardedThenEditedAgainstTheDeletedVersion_StaysDeleted()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, Workout());
        await api.ExpectAsync(204, "DELETE", "/workouts/sessions/" + SessionId, headers: WorkoutsApi.IfMatch(1));

        var edit = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(topWeight: 105), headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(404, edit.Status);
        await api.ExpectAsync(404, "GET", "/workouts/sessions/" + SessionId);
    }

    [Fact]
    public async Task Upload_BeyondItsBounds_Is422NamingEveryField()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var future = DateTimeOffset.UtcNow.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);

        var tooLate = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(startedAt: "2026-12-01T07:05:00+11:00", completedAt: future));
        var tooLong = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(startedAt: "2026-11-01T07:05:00+11:00", completedAt: "2026-11-02T07:05:01+11:00"));
        var tooEarly = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout(startedAt: "1969-12-31T23:00:00Z", completedAt: "1969-12-31T23:30:00Z"));
        var setOutside = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout().Replace("2026-11-30T20:25:00Z", "2026-11-30T23:25:00Z", StringComparison.Ordinal));

        Assert.Equal((422, "completedAt"), (tooLate.Status, Field(tooLate)));
        Assert.Equal((422, "completedAt"), (tooLong.Status, Field(tooLong)));
        Assert.Equal(422, tooEarly.Status);
        Assert.True(tooEarly.Json.GetProperty("errors").TryGetProperty("startedAt", out _), tooEarly.Body);
        Assert.Equal((422, "exercises[0].sets[2].performedAt"), (setOutside.Status, Field(setOutside)));
        Assert.Empty(await api.StoredAsync("alice", Keys.Session(SessionId)));
    }

    [Fact]
    public async Task Upload_MoreSetsOrExercisesThanAWorkoutHolds_Is422()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var sets = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 1, setsEach: 1001));
        var exercises = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 101, setsEach: 1));

        Assert.Equal((422, "exercises"), (sets.Status, Field(sets)));
        Assert.Contains("1000", sets.Json.GetProperty("errors").GetProperty("exercises")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((422, "exercises"), (exercises.Status, Field(exercises)));
    }

    [Fact]
    public async Task Upload_MalformedIdsAndTimes_Is400NamingEachField()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var body = Workout(startedAt: "2026-12-01 07:05")
            .Replace("00000000-0000-4000-8000-000000000002", "not-an-id", StringComparison.Ordinal)
            .Replace("00000000-0000-4000-8000-000000000005", "00000000-0000-4000-8000-000000000004", StringComparison.Ordinal);

        var badPath = await api.SendAsync("PUT", "/workouts/sessions/session-1", body: Workout());
        var badBody = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: body);

        Assert.Equal((400, "sessionId"), (badPath.Status, Field(badPath)));
        Assert.Equal(400, badBody.Status);
        var errors = badBody.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("startedAt", out _), badBody.Body);
        Assert.True(errors.TryGetProperty("exercises[0].sets[1].id", out _), badBody.Body);
        Assert.True(errors.TryGetProperty("exercises[1].sets[1].id", out _), badBody.Body);
    }

    [Fact]
    public async Task Upload_UnknownExerciseOrPlan_Is422NamingTheReference()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var exercise = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout().Replace("\"deadlift\"", "\"my-offline-press\"", StringComparison.Ordinal));
        var plan = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Workout().Replace("\"name\":\"Legs\"", "\"planId\":\"01JDZZZZZZZZZZZZZZZZZZZZZZ\"", StringComparison.Ordinal));

        Assert.Equal((422, "exercises[1].exerciseId"), (exercise.Status, Field(exercise)));
        Assert.Contains("my-offline-press", exercise.Body, StringComparison.Ordinal);
        Assert.Equal((422, "planId"), (plan.Status, Field(plan)));
    }

    [Fact]
    public async Task Upload_AThousandSets_IsStoredWholeAndEditedWhole()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var created = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 4, setsEach: 250));
        var edited = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 4, setsEach: 250, reps: 6), headers: WorkoutsApi.IfMatch(1));
        var again = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 4, setsEach: 250, reps: 6), headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(201, created.Status);
        Assert.Equal(1000, created.Json.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(200, edited.Status);
        Assert.Equal(6000, edited.Json.GetProperty("totals").GetProperty("reps").GetInt64());
        Assert.Equal(edited.Header("etag"), again.Header("etag"));
        Assert.Equal(200, again.Status);
        var stored = await api.StoredSetsAsync("alice", SessionId);
        Assert.Equal(1000, stored.Count);
        Assert.All(stored, s => Assert.Equal("6", s["reps"].N));
        var session = (await api.StoredAsync("alice", Keys.Session(SessionId))).Single(i => i[Keys.SortKey].S == Keys.Session(SessionId));
        Assert.False(session.ContainsKey("uploadPending"));
    }

    [Fact]
    public async Task Upload_LargeEditInterruptedAfterItsClaim_IsFinishedByTheSameUploadAndRefusedToOthers()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, Many(exercises: 2, setsEach: 100));
        var heavier = Many(exercises: 2, setsEach: 100, reps: 8);
        var digest = await DigestOfAsync(api, heavier);
        // What a crash right after the claim leaves: the version moved, the upload pending, no set written yet.
        await api.Server.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Table,
            Key = new() { [Keys.PartitionKey] = new AttributeValue { S = Keys.User("alice") }, [Keys.SortKey] = new AttributeValue { S = Keys.Session(SessionId) } },
            UpdateExpression = "SET uploadPending = :d ADD #v :one",
            ExpressionAttributeNames = new() { ["#v"] = Keys.Version },
            ExpressionAttributeValues = new() { [":d"] = new AttributeValue { S = digest }, [":one"] = new AttributeValue { N = "1" } },
        });

        var other = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: Many(exercises: 2, setsEach: 100, reps: 9), headers: WorkoutsApi.IfMatch(1));
        var resent = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: heavier, headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(412, other.Status);
        Assert.Equal(200, resent.Status);
        Assert.Equal("\"3\"", resent.Header("etag"));
        Assert.All(await api.StoredSetsAsync("alice", SessionId), s => Assert.Equal("8", s["reps"].N));
    }

    [Fact]
    public async Task Upload_LargeCreateInterruptedAfterItsClaim_IsFinishedByTheSameUploadAsACreate()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var body = Many(exercises: 2, setsEach: 100);
        var digest = await DigestOfAsync(api, body);
        // What a crash after the claim and the first step leaves: the session pending at version 0, some of its sets.
        var probe = await api.StoredAsync("digest-probe", Keys.Session(SessionId));
        foreach (var item in probe.Where(i => i[Keys.SortKey].S == Keys.Session(SessionId) || i["id"].S.EndsWith("1", StringComparison.Ordinal)))
        {
            item[Keys.PartitionKey] = new AttributeValue { S = Keys.User("alice") };
            if (item[Keys.SortKey].S == Keys.Session(SessionId))
            {
                item[Keys.Version] = new AttributeValue { N = "0" };
                item["uploadPending"] = new AttributeValue { S = digest };
                item.Remove(Keys.Gsi1PartitionKey);
                item.Remove(Keys.Gsi1SortKey);
            }
            else
            {
                item[Keys.Gsi1PartitionKey] = new AttributeValue { S = Keys.ExerciseSetIndex("alice", item["exerciseId"].S) };
            }

            await api.Server.PutItemAsync(new PutItemRequest { TableName = api.Table, Item = item });
        }

        Assert.InRange((await api.StoredSetsAsync("alice", SessionId)).Count, 1, 199); // the precondition: half done
        var live = await api.SendAsync("POST", $"/workouts/sessions/{SessionId}/sets", body: WorkoutsApi.Set());
        var resent = await api.SendAsync("PUT", "/workouts/sessions/" + SessionId, body: body);

        Assert.Equal(409, live.Status); // no live set lands in a session an upload holds
        Assert.Equal(201, resent.Status);
        Assert.Equal("\"1\"", resent.Header("etag"));
        Assert.Equal(200, resent.Json.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(200, resent.Json.GetProperty("revision").GetInt64());
        Assert.Equal(200, (await api.StoredSetsAsync("alice", SessionId)).Count);
        var session = (await api.StoredAsync("alice", Keys.Session(SessionId))).Single(i => i[Keys.SortKey].S == Keys.Session(SessionId));
        Assert.False(session.ContainsKey("uploadPending"));
    }

    [Fact]
    public async Task LogSet_IntoASessionALargeUploadHolds_Is409AndTheTotalsStayThoseOfTheSets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, Workout());
        await api.Server.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Table,
            Key = new() { [Keys.PartitionKey] = new AttributeValue { S = Keys.User("alice") }, [Keys.SortKey] = new AttributeValue { S = Keys.Session(SessionId) } },
            UpdateExpression = "SET uploadPending = :d",
            ExpressionAttributeValues = new() { [":d"] = new AttributeValue { S = "another-upload" } },
        });

        var live = await api.SendAsync("POST", $"/workouts/sessions/{SessionId}/sets", body: WorkoutsApi.Set());

        Assert.Equal(409, live.Status);
        Assert.Equal(5, (await api.StoredSetsAsync("alice", SessionId)).Count);
    }

    [Fact]
    public async Task History_FromTheFirstDayInAnEasternZone_FindsTheUploadedSessions()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.Server.PutItemAsync(new PutItemRequest
        {
            TableName = api.Table,
            Item = new()
            {
                [Keys.PartitionKey] = new AttributeValue { S = Keys.User("alice") },
                [Keys.SortKey] = new AttributeValue { S = Keys.ProfileSortKey },
                [GymCoach.Data.Contracts.ProfileContract.TimeZone] = new AttributeValue { S = "Asia/Tokyo" }, // east of UTC in 1970 too (Kiritimati was west of it then)
            },
        });
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/00000000-1111-4000-8000-000000000001", Workout());

        var all = await api.ExpectAsync(200, "GET", "/workouts/sessions", query: new() { ["from"] = "1970-01-01", ["to"] = "2199-12-31" });

        Assert.Single(all.GetProperty("items").EnumerateArray());
    }

    /// <summary>The digest the service gives <paramref name="body"/>: upload it as another user's and read it back.</summary>
    private static async Task<string> DigestOfAsync(WorkoutsApi api, string body)
    {
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/" + SessionId, body, sub: "digest-probe");
        var item = (await api.StoredAsync("digest-probe", Keys.Session(SessionId))).Single(i => i[Keys.SortKey].S == Keys.Session(SessionId));
        return item["uploadHash"].S;
    }

    private static string Many(int exercises, int setsEach, int reps = 5)
    {
        var body = new StringBuilder("""{"startedAt":"2026-11-20T06:00:00-05:00","completedAt":"2026-11-20T09:00:00-05:00","exercises":[""");
        for (var e = 0; e < exercises; e++)
        {
            body.Append(e == 0 ? "" : ",").Append($$"""{"exerciseId":"{{WorkoutsApi.LibraryIds[e % 4]}}","sets":[""");
            for (var s = 0; s < setsEach; s++)
            {
                body.Append(s == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"id":"00000000-0000-4000-8000-{{e:D4}}{{s:D8}}","reps":{{reps}},"weightKg":50}""");
            }

            body.Append("]}");
        }

        return body.Append("]}").ToString();
    }

    private static string Field(TestResponse response) =>
        response.Json.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : response.Body;
}
