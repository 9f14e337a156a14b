using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GymCoach.TestSupport;
using NodaTime;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>
/// The offline day of a lifter in Sydney, end to end on the local stack: the phone, offline, makes a custom exercise
/// and a plan and logs two workouts (one in Tokyo); the watch logs a third live and edits the phone's plan, and the
/// phone's own stale edit of it is refused with the watch's version. A twin logs the same three workouts live, set
/// by set. Both end with the same analytics, and with the weeks and streak a lifter in Sydney expects — which UTC
/// weeks would not give (the first workout is a Sydney Monday morning, a UTC Sunday).
/// </summary>
/// <remarks>
/// Both devices keep replicas by <c>GET /sync</c>: the phone from the snapshot it took before going offline, the watch
/// from nothing; in the end both equal the server's state (a fresh full sync) and show the watch's plan.
/// </remarks>
[Collection(LocalStackCollection.Name)]
public sealed class OfflineScenarioTests(LocalStackFixture local)
{
    private const string Zone = "Australia/Sydney";
    private const string ExerciseDeviceId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string PlanDeviceId = "01KE0000000000000000000001";

    private sealed record Workout(string Id, DateTimeOffset Start, (string Id, string Exercise, int Reps, double Kg)[] Sets);

    [Fact]
    public async Task PhoneOfflineAndWatchLive_EndWithTheAnalyticsOfTheSameWorkoutsLoggedLive_InSydneyWeeks()
    {
        var (phone, twin) = ("offline-" + Guid.NewGuid().ToString("N")[..8], "live-" + Guid.NewGuid().ToString("N")[..8]);
        var workouts = Plan();
        foreach (var lifter in new[] { phone, twin })
        {
            await ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, "/profiles/me", lifter, $$"""{"displayName":"Syd","timeZone":"{{Zone}}"}""");
            await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/exercises", lifter, $$"""{"id":"{{ExerciseDeviceId}}","name":"Landmine press","primaryMuscles":["front-delts"]}""");
            await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/workouts/plans", lifter, $$"""{"id":"{{PlanDeviceId}}","name":"Push","exercises":[{"exerciseId":"custom-{{ExerciseDeviceId}}"},{"exerciseId":"barbell-bench-press"}]}""");
        }

        // Before going offline the phone holds a snapshot of the account; it syncs from there once back.
        var phoneReplica = new SyncReplica();
        var phoneCursor = await SyncAsync(phone, phoneReplica, null);
        Assert.NotNull(phoneReplica.Get("plan", PlanDeviceId));

        // The phone, back online, sends what it logged: the two workouts whole (the second one twice, its answer lost).
        foreach (var workout in workouts[..2])
        {
            await ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, "/workouts/sessions/" + workout.Id, phone, Upload(workout));
        }

        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Put, "/workouts/sessions/" + workouts[1].Id, phone, Upload(workouts[1]));

        // The watch logs the third live, then renames the plan; the phone's rename, made against the old version, loses.
        await LiveAsync(phone, workouts[2]);
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/workouts/plans/" + PlanDeviceId, phone, Renamed("Push (watch)"), ifMatch: "\"1\"");
        var stale = await SendAsync(HttpMethod.Put, "/workouts/plans/" + PlanDeviceId, phone, Renamed("Push (phone)"), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("Push (watch)", stale.Json.GetProperty("current").GetProperty("name").GetString());

        foreach (var workout in workouts)
        {
            await LiveAsync(twin, workout);
        }

        var phoneDashboard = await SettledDashboardAsync(phone, 3);
        var twinDashboard = await SettledDashboardAsync(twin, 3);

        foreach (var path in new[] { "/analytics/records", "/analytics/achievements", "/analytics/volume?weeks=4", "/workouts/exercises/barbell-bench-press/sets" })
        {
            Assert.Equal(Comparable((await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, twin)).ToJsonString()), Comparable((await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, phone)).ToJsonString()));
        }

        Assert.Equal(Comparable(twinDashboard.ToJsonString()), Comparable(phoneDashboard.ToJsonString()));

        // Sydney's weeks: the workouts fall in three weeks in a row, the last being this one.
        var thisMonday = MondayOf(Today());
        Assert.Equal(thisMonday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), phoneDashboard["thisWeek"]!["weekStart"]!.GetValue<string>());
        Assert.Equal(1, phoneDashboard["thisWeek"]!["sessions"]!.GetValue<int>());
        Assert.Equal(1, phoneDashboard["lastWeek"]!["sessions"]!.GetValue<int>());
        Assert.Equal(3, phoneDashboard["streak"]!["currentWeeks"]!.GetValue<int>());

        // Both devices sync until the change log has caught up with everything above (derived records included).
        var watchReplica = new SyncReplica();
        string? watchCursor = null;
        var server = new SyncReplica();
        var clock = Stopwatch.StartNew();
        do
        {
            phoneCursor = await SyncAsync(phone, phoneReplica, phoneCursor);
            watchCursor = await SyncAsync(phone, watchReplica, watchCursor);
            server = new SyncReplica();
            await SyncAsync(phone, server, null);
        }
        while ((!server.State.SequenceEqual(phoneReplica.State) || !server.State.SequenceEqual(watchReplica.State)) && clock.Elapsed < TimeSpan.FromSeconds(30) && await Delay());

        Assert.Equal(server.State, phoneReplica.State);
        Assert.Equal(server.State, watchReplica.State);
        Assert.Equal("Push (watch)", phoneReplica.Get("plan", PlanDeviceId)!.Value.GetProperty("name").GetString());
        Assert.Equal(3, phoneReplica.State.Keys.Count(k => k.StartsWith("session|", StringComparison.Ordinal)));
        Assert.Equal(6, phoneReplica.State.Keys.Count(k => k.StartsWith("set|", StringComparison.Ordinal)));
        Assert.Contains(phoneReplica.State.Keys, k => k.StartsWith("record|", StringComparison.Ordinal));
        Assert.Equal(
            Comparable((await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/workouts/sessions/" + workouts[1].Id, phone))["sets"]![0]!.ToJsonString()),
            Comparable(phoneReplica.Get("set", "11111111-0000-4000-9000-000000000021", workouts[1].Id)!.Value.GetRawText()));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    /// <summary>Syncs <paramref name="replica"/> from <paramref name="cursor"/> until nothing more is waiting; answers where it stands.</summary>
    private async Task<string> SyncAsync(string lifter, SyncReplica replica, string? cursor)
    {
        while (true)
        {
            var page = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, cursor is null ? "/sync" : "/sync?since=" + Uri.EscapeDataString(cursor), lifter);
            foreach (var change in page["changes"]!.AsArray())
            {
                replica.Apply(JsonDocument.Parse(change!.ToJsonString()).RootElement);
            }

            cursor = page["nextCursor"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return cursor;
            }
        }
    }

    /// <summary>
    /// A Sydney Monday 07:00 two weeks ago (a UTC Sunday), a Tokyo morning last Monday, and an hour ago in Sydney; a
    /// run in the small hours of a Sydney Monday moves the last one to the day before, keeping it in this week.
    /// </summary>
    private static Workout[] Plan()
    {
        var monday = MondayOf(Today());
        var sydney = DateTimeZoneProviders.Tzdb[Zone];
        var twoWeeksAgo = sydney.AtLeniently(new LocalDate(monday.Year, monday.Month, monday.Day).PlusDays(-14).At(new LocalTime(7, 0))).ToDateTimeOffset();
        var tokyo = new DateTimeOffset(monday.AddDays(-7).ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(9));
        var hourAgo = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)).InZone(sydney).ToDateTimeOffset();
        var recent = hourAgo < sydney.AtStartOfDay(new LocalDate(monday.Year, monday.Month, monday.Day)).ToDateTimeOffset() ? hourAgo.AddDays(7) : hourAgo;
        recent = recent > DateTimeOffset.UtcNow ? DateTimeOffset.UtcNow.AddMinutes(-70).ToOffset(recent.Offset) : recent;
        return
        [
            new("11111111-0000-4000-8000-000000000001", twoWeeksAgo, [("11111111-0000-4000-9000-000000000011", "barbell-bench-press", 5, 80), ("11111111-0000-4000-9000-000000000012", "custom-" + ExerciseDeviceId, 10, 30)]),
            new("11111111-0000-4000-8000-000000000002", tokyo, [("11111111-0000-4000-9000-000000000021", "barbell-bench-press", 5, 82.5), ("11111111-0000-4000-9000-000000000022", "barbell-bench-press", 3, 87.5)]),
            new("11111111-0000-4000-8000-000000000003", recent, [("11111111-0000-4000-9000-000000000031", "barbell-bench-press", 5, 85), ("11111111-0000-4000-9000-000000000032", "custom-" + ExerciseDeviceId, 8, 35)]),
        ];
    }

    private static DateOnly Today() => GymCoach.Data.Calendar.LocalCalendar.DayOf(DateTimeOffset.UtcNow, Zone);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Stated(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Upload(Workout workout) => new JsonObject
    {
        ["name"] = "Push",
        ["planId"] = PlanDeviceId,
        ["startedAt"] = Stated(workout.Start),
        ["completedAt"] = Stated(workout.Start.AddMinutes(50)),
        ["exercises"] = new JsonArray([.. workout.Sets.GroupBy(s => s.Exercise).Select(g => (JsonNode)new JsonObject
        {
            ["exerciseId"] = g.Key,
            ["sets"] = new JsonArray([.. g.Select((s, i) => (JsonNode)new JsonObject { ["id"] = s.Id, ["reps"] = s.Reps, ["weightKg"] = s.Kg, ["performedAt"] = Stated(workout.Start.AddMinutes(10 + (10 * i))) })]),
        })]),
    }.ToJsonString();

    /// <summary>The same workout live: started, each set as done (the device's ids and times), completed.</summary>
    private async Task LiveAsync(string lifter, Workout workout)
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/workouts/sessions", lifter, $$"""{"name":"Push","planId":"{{PlanDeviceId}}","startedAt":"{{Stated(workout.Start)}}"}"""))["id"]!.GetValue<string>();
        foreach (var group in workout.Sets.GroupBy(s => s.Exercise))
        {
            foreach (var (set, i) in group.Select((s, i) => (s, i)))
            {
                await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/workouts/sessions/{id}/sets", lifter, new JsonObject
                {
                    ["id"] = set.Id, ["exerciseId"] = set.Exercise, ["reps"] = set.Reps, ["weightKg"] = set.Kg, ["performedAt"] = Stated(workout.Start.AddMinutes(10 + (10 * i))),
                }.ToJsonString());
            }
        }

        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/workouts/sessions/{id}/complete", lifter, $$"""{"completedAt":"{{Stated(workout.Start.AddMinutes(50))}}"}""");
    }

    private static string Renamed(string name) =>
        $$"""{"name":"{{name}}","exercises":[{"exerciseId":"custom-{{ExerciseDeviceId}}"},{"exerciseId":"barbell-bench-press"}]}""";

    private async Task<JsonNode> SettledDashboardAsync(string lifter, int sessions)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var dashboard = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/analytics/dashboard", lifter);
            if (dashboard["totals"]!["sessions"]!.GetValue<int>() == sessions || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return dashboard;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The answer without what tells the two lifters apart: their session ids (uploads keep the device's, live sessions get the server's) and the data version.</summary>
    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node.ToJsonString();
    }

    private static void Strip(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var name in new[] { "sessionId", "dataVersion", "nextCursor", "createdAt", "updatedAt", "version" })
            {
                o.Remove(name);
            }

            foreach (var (_, child) in o.ToList())
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                if (child is not null)
                {
                    Strip(child);
                }
            }
        }
    }

    private async Task<JsonNode> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, string sub, string? body = null, string? ifMatch = null)
    {
        var (actual, json) = await SendAsync(method, path, sub, body, ifMatch);
        Assert.True(actual == status, $"{method} {path}: {actual} {json}");
        return JsonNode.Parse(json.GetRawText())!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string sub, string? body = null, string? ifMatch = null)
    {
        using var request = local.Request(method, path, sub, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("if-match", ifMatch);
        }

        using var response = await local.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
