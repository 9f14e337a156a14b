using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class SyncRoutesTests(DynamoDbFixture dynamo)
{
    private const string PlanBody = """{"name":"Push day","exercises":[{"exerciseId":"barbell-bench-press","sets":[{"reps":5,"weightKg":80}]}]}""";

    [Fact]
    public async Task Sync_WithoutCursor_ReturnsEveryKindAsItsOwnGetRendersIt()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var profile = await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", body: """{"displayName":"Ada","units":"metric","timeZone":"Australia/Sydney"}""");
        var preferences = await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me/preferences", body: """{"weekStartDay":"monday","defaultRestSeconds":90}""");
        var measurement = await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: """{"date":"2026-11-20","weightKg":80.5}""");
        var exercise = await loop.ExpectAsync(loop.Exercises, 201, "POST", "/exercises", body: """{"name":"Tempo Goblet Squat","primaryMuscles":["quads"],"equipment":["kettlebell"],"category":"strength"}""");
        var plan = await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        var scheduled = await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/schedule", body: """{"date":"2026-12-07","name":"Leg day"}""");
        var sessionId = await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100), ("barbell-bench-press", 5, 80));
        await loop.TrainAsync("bob", ("barbell-back-squat", 5, 60));

        var replica = new SyncReplica();
        var (cursor, _) = await loop.SyncAsync("alice", replica);

        Assert.False(string.IsNullOrEmpty(cursor));
        AssertSame(await loop.ExpectAsync(loop.Profiles, 200, "GET", "/profiles/me"), replica.Get("profile", "me"));
        AssertSame(profile, replica.Get("profile", "me"));
        AssertSame(await loop.ExpectAsync(loop.Profiles, 200, "GET", "/profiles/me/preferences"), replica.Get("preferences", "me"));
        AssertSame(preferences, replica.Get("preferences", "me"));
        AssertSame(measurement, replica.Get("measurement", measurement.GetProperty("id").GetString()!));
        var exerciseId = exercise.GetProperty("id").GetString()!;
        AssertSame(await loop.ExpectAsync(loop.Exercises, 200, "GET", "/exercises/" + exerciseId), replica.Get("exercise", exerciseId));
        var planId = plan.GetProperty("id").GetString()!;
        AssertSame(await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/plans/" + planId), replica.Get("plan", planId));
        AssertSame(scheduled, replica.Get("schedule", scheduled.GetProperty("id").GetString()!));

        // A session is its GET without the sets; each set is a change of its own, as the session's GET lists it.
        var session = await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/sessions/" + sessionId);
        AssertSame(Without(session, "sets"), replica.Get("session", sessionId));
        foreach (var set in session.GetProperty("sets").EnumerateArray())
        {
            AssertSame(set, replica.Get("set", set.GetProperty("id").GetString()!, sessionId));
        }

        // Nothing of bob's, and nothing that is not an entity of the app (counters, idempotency records, the log).
        Assert.Equal(9, replica.State.Count);
    }

    [Fact]
    public async Task Sync_FromACursor_ReturnsOnlyWhatChangedSinceWithTombstones()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var plan = await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        var planId = plan.GetProperty("id").GetString()!;
        var sessionId = await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100), ("barbell-back-squat", 5, 105));
        var replica = new SyncReplica();
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", replica);
        var session = await loop.ExpectAsync(loop.Workouts, 200, "GET", "/workouts/sessions/" + sessionId);
        var firstSet = session.GetProperty("sets")[0].GetProperty("id").GetString()!;
        Assert.NotNull(replica.Get("plan", planId));
        Assert.NotNull(replica.Get("set", firstSet, sessionId));

        await loop.ExpectAsync(loop.Workouts, 204, "DELETE", $"/workouts/plans/{planId}", headers: new() { ["If-Match"] = "\"1\"" });
        await loop.ExpectAsync(loop.Workouts, 204, "DELETE", $"/workouts/sessions/{sessionId}/sets/{firstSet}", headers: new() { ["If-Match"] = "\"1\"" });
        var renamed = await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", body: """{"displayName":"Ada","units":"metric"}""");
        await loop.SettleAsync();

        var page = await loop.SyncPageAsync("alice", cursor);
        var changes = page.GetProperty("changes").EnumerateArray().ToList();
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        var planGone = Assert.Single(changes, c => c.GetProperty("type").GetString() == "plan");
        Assert.Equal("delete", planGone.GetProperty("op").GetString());
        Assert.True(planGone.TryGetProperty("deletedAt", out _));
        var setGone = Assert.Single(changes, c => c.GetProperty("type").GetString() == "set");
        Assert.Equal(("delete", firstSet, sessionId), (setGone.GetProperty("op").GetString(), setGone.GetProperty("id").GetString(), setGone.GetProperty("sessionId").GetString()));
        Assert.Contains(changes, c => c.GetProperty("type").GetString() == "session" && c.GetProperty("op").GetString() == "upsert");
        Assert.DoesNotContain(changes, c => c.GetProperty("type").GetString() == "set" && c.GetProperty("id").GetString() != firstSet);
        foreach (var change in changes)
        {
            replica.Apply(change);
        }

        Assert.Null(replica.Get("plan", planId));
        Assert.Null(replica.Get("set", firstSet, sessionId));
        AssertSame(renamed, replica.Get("profile", "me"));
        Assert.True(changes.Select(c => c.GetProperty("seq").GetInt64()).SequenceEqual(changes.Select(c => c.GetProperty("seq").GetInt64()).Order()));
    }

    [Fact]
    public async Task Sync_DiscardedSession_IsATombstoneThoughItsItemStillExists()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var id = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", body: """{"name":"Mistake"}""")).GetProperty("id").GetString()!;
        await loop.SettleAsync();
        var replica = new SyncReplica();
        var (cursor, _) = await loop.SyncAsync("alice", replica);
        Assert.NotNull(replica.Get("session", id));

        await loop.ExpectAsync(loop.Workouts, 204, "DELETE", "/workouts/sessions/" + id, headers: new() { ["If-Match"] = "\"1\"" });
        await loop.SettleAsync();
        await loop.SyncAsync("alice", replica, cursor);

        Assert.Null(replica.Get("session", id));
        Assert.Equal(404, (await loop.SendAsync(loop.Workouts, "GET", "/workouts/sessions/" + id)).Status);
    }

    [Fact]
    public async Task Sync_Photo_IsItsStoredRecordWithItsUploadWindowAndNoUrl()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var loop = await SyncLoop.StartAsync(dynamo, time: clock);
        var id = (await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/photos", body: """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":2483117}""")).GetProperty("photo").GetProperty("id").GetString()!;
        await loop.SettleAsync();
        clock.Advance(TimeSpan.FromDays(1));

        // Expiry is the passing of time, not a write: no change is logged for it, so a snapshot says what a replica
        // synced earlier says, and both carry the window the app works expiry out from.
        var replica = new SyncReplica();
        await loop.SyncAsync("alice", replica);

        var photo = replica.Get("photo", id)!.Value;
        Assert.Equal("pending", photo.GetProperty("state").GetString());
        Assert.True(DateTimeOffset.Parse(photo.GetProperty("uploadExpiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < clock.GetUtcNow());
        Assert.False(photo.TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Sync_FirstSyncOfAnAccountWithNoLog_StartsOneItsCursorContinues()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var (cursor, _) = await loop.SyncAsync("carol", new SyncReplica());
        Assert.NotEmpty(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "carol", Keys.SyncHead));

        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", "carol", PlanBody);
        await loop.SettleAsync();
        var page = await loop.SyncPageAsync("carol", cursor);

        Assert.Equal("plan", Assert.Single(page.GetProperty("changes").EnumerateArray()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Sync_SmallPages_EndAtTheHeadWithEveryChangeOnce()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        for (var i = 0; i < 7; i++)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: $$"""{"name":"Plan {{i}}","exercises":[]}""");
        }

        await loop.SettleAsync();
        var snapshot = new SyncReplica();
        var (cursor, snapshotPages) = await loop.SyncAsync("alice", snapshot, limit: 3);
        Assert.Equal(7, snapshot.State.Count);
        Assert.Equal(3, snapshotPages);

        for (var i = 7; i < 12; i++)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: $$"""{"name":"Plan {{i}}","exercises":[]}""");
        }

        await loop.SettleAsync();
        var seen = new List<string>();
        string? since = cursor;
        var pages = 0;
        while (true)
        {
            var page = await loop.SyncPageAsync("alice", since, limit: 2);
            pages++;
            foreach (var change in page.GetProperty("changes").EnumerateArray())
            {
                seen.Add(change.GetProperty("data").GetProperty("name").GetString()!);
                snapshot.Apply(change);
            }

            since = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(["Plan 7", "Plan 8", "Plan 9", "Plan 10", "Plan 11"], seen);
        Assert.Equal(3, pages);
        Assert.Equal(12, snapshot.State.Count);
        Assert.Empty((await loop.SyncPageAsync("alice", since)).GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Sync_NothingNew_IsOneRequestWithTheDeletionFenceInIt()
    {
        var counter = new FaultInjectingHandler();
        await using var loop = await SyncLoop.StartAsync(dynamo, dynamo.CreateFaultyClient(counter));
        await loop.TrainAsync("alice", ("barbell-back-squat", 5, 100));
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        counter.Forwarded.Clear();

        var page = await loop.SyncPageAsync("alice", cursor);

        Assert.Empty(page.GetProperty("changes").EnumerateArray());
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        Assert.Equal(new Dictionary<string, int> { ["BatchGetItem"] = 1 }, counter.Forwarded.ToDictionary());
    }

    [Fact]
    public async Task Sync_AccountBeingDeleted_Is409AccountDeleting()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);
        await loop.ExpectAsync(loop.Profiles, 202, "DELETE", "/profiles/me", headers: new() { ["if-match"] = "*" });

        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor });

        Assert.Equal(409, response.Status);
        Assert.EndsWith("/account-deleting", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AnotherUsersCursor_Is400AndRevealsNothing()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        await loop.TrainAsync("bob", ("barbell-back-squat", 5, 60));
        await loop.SettleAsync();
        var (bobs, _) = await loop.SyncAsync("bob", new SyncReplica());

        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", "alice", query: new() { ["since"] = bobs });

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("since", out _));
        Assert.DoesNotContain("barbell", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("ten")]
    public async Task Sync_LimitOutOfRange_Is400NamingLimit(string limit)
    {
        await using var loop = await SyncLoop.StartAsync(dynamo, mapStream: false);

        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["limit"] = limit });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task Sync_CursorOlderThanThirtyDays_Is410SyncCursorExpired()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var loop = await SyncLoop.StartAsync(dynamo, time: clock);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);

        clock.Advance(TimeSpan.FromDays(2));
        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor });

        Assert.Equal(410, response.Status);
        Assert.EndsWith("/sync-cursor-expired", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_LogNoLongerHoldsTheNextChange_Is410()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        var logged = (await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.SyncLogPrefix)).Count;
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        Assert.Equal(logged + 2, (await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", Keys.SyncLogPrefix)).Count);
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);

        // What the table's TTL does after 31 days: the entry right after the device's place is gone.
        await dynamo.Client.DeleteItemAsync(new DeleteItemRequest { TableName = loop.Table, Key = new() { [Keys.PartitionKey] = Attributes.S(Keys.User("alice")), [Keys.SortKey] = Attributes.S(Keys.SyncLog(logged + 1)) } });
        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor });

        Assert.Equal(410, response.Status);
        Assert.EndsWith("/sync-cursor-expired", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Without(JsonElement element, string property)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText())!.AsObject();
        Assert.True(copy.Remove(property));
        return JsonDocument.Parse(copy.ToJsonString()).RootElement.Clone();
    }

    private static void AssertSame(JsonElement expected, JsonElement? actual)
    {
        Assert.NotNull(actual);
        Assert.True(JsonElement.DeepEquals(expected, actual.Value), $"expected {expected.GetRawText()}\n   got {actual.Value.GetRawText()}");
    }
}
