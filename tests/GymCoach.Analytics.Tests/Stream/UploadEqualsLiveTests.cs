using GymCoach.TestSupport;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>
/// A workout uploaded whole (PUT, as an offline device sends it) and the same workout logged live set by set
/// (start, sets, complete, with the device's times) must leave the same history, per-exercise sets, records,
/// achievements and weekly figures: analytics cannot tell how a workout arrived.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class UploadEqualsLiveTests(DynamoDbFixture dynamo)
{
    private sealed record PlannedSet(string Id, string ExerciseId, int Reps, double Kg, string Type, int Minute);

    private sealed record PlannedWorkout(string Id, string Name, DateTimeOffset Start, int Minutes, PlannedSet[] Sets);

    [Fact]
    public async Task ThreeWorkouts_UploadedWholeOrLoggedLive_LeaveIdenticalHistoryRecordsAchievementsAndWeeks()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        var workouts = Plan();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workout in workouts)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "PUT", "/workouts/sessions/" + workout.Id, "uploader", Upload(workout));
            pairs[await LiveAsync(loop, workout)] = workout.Id;
        }

        await loop.SettleAsync();

        string[] reads =
        [
            "/workouts/sessions",
            "/workouts/exercises/barbell-back-squat/sets",
            "/workouts/exercises/barbell-bench-press/sets",
            "/analytics/records",
            "/analytics/achievements",
            "/analytics/dashboard",
            "/analytics/volume",
            "/analytics/exercises/barbell-back-squat/progress",
        ];
        foreach (var path in reads)
        {
            var uploaded = await ReadAsync(loop, path, "uploader", pairs);
            var live = await ReadAsync(loop, path, "live", pairs);
            Assert.True(uploaded.Length > 20, $"{path}: {uploaded}");
            Assert.Equal(uploaded, live);
        }

        Assert.Equal(await loop.AggregatesAsync("uploader"), Rename(await loop.AggregatesAsync("live"), pairs));
    }

    /// <summary>Three workouts of the last week in Sydney (+11:00), the last of them a squat PR; set times by the device.</summary>
    private static PlannedWorkout[] Plan()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(11)).Date;
        var workouts = new List<PlannedWorkout>();
        for (var w = 0; w < 3; w++)
        {
            var start = new DateTimeOffset(today.AddDays(w - 5).AddHours(7), TimeSpan.FromHours(11));
            var top = 100 + (w * 5);
            workouts.Add(new PlannedWorkout(
                $"00000000-0000-4000-8000-00000000000{w}",
                "Workout " + w,
                start,
                60,
                [
                    new($"00000000-0000-4000-9000-0000000{w}0001", "barbell-back-squat", 10, 60, "warmup", 5),
                    new($"00000000-0000-4000-9000-0000000{w}0002", "barbell-back-squat", 5, top, "normal", 10),
                    new($"00000000-0000-4000-9000-0000000{w}0003", "barbell-back-squat", 3, top + 5, "normal", 15),
                    new($"00000000-0000-4000-9000-0000000{w}0004", "barbell-bench-press", 8, 70 + w, "normal", 30),
                    new($"00000000-0000-4000-9000-0000000{w}0005", "barbell-bench-press", 6, 75, "failure", 40),
                ]));
        }

        return [.. workouts];
    }

    private static string Stated(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Upload(PlannedWorkout workout)
    {
        var exercises = workout.Sets.GroupBy(s => s.ExerciseId).Select(g => new JsonObject
        {
            ["exerciseId"] = g.Key,
            ["sets"] = new JsonArray([.. g.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id, ["reps"] = s.Reps, ["weightKg"] = s.Kg, ["type"] = s.Type, ["performedAt"] = Stated(workout.Start.AddMinutes(s.Minute)),
            })]),
        });
        return new JsonObject
        {
            ["name"] = workout.Name,
            ["startedAt"] = Stated(workout.Start),
            ["completedAt"] = Stated(workout.Start.AddMinutes(workout.Minutes)),
            ["exercises"] = new JsonArray([.. exercises]),
        }.ToJsonString();
    }

    private static async Task<string> LiveAsync(AnalyticsLoop loop, PlannedWorkout workout)
    {
        var id = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", "live", $$"""{"name":"{{workout.Name}}","startedAt":"{{Stated(workout.Start)}}"}""")).GetProperty("id").GetString()!;
        foreach (var s in workout.Sets)
        {
            var set = new JsonObject { ["id"] = s.Id, ["exerciseId"] = s.ExerciseId, ["reps"] = s.Reps, ["weightKg"] = s.Kg, ["type"] = s.Type, ["performedAt"] = Stated(workout.Start.AddMinutes(s.Minute)) };
            await loop.ExpectAsync(loop.Workouts, 201, "POST", $"/workouts/sessions/{id}/sets", "live", set.ToJsonString());
        }

        await loop.ExpectAsync(loop.Workouts, 200, "POST", $"/workouts/sessions/{id}/complete", "live", $$"""{"completedAt":"{{Stated(workout.Start.AddMinutes(workout.Minutes))}}"}""");
        return id;
    }

    /// <summary>The answer with the live sessions' ids read as their uploaded twins' and the server's own bookkeeping left out (versions, write times, and the data version: how many updates the stream's batching made).</summary>
    private static async Task<string> ReadAsync(AnalyticsLoop loop, string path, string sub, Dictionary<string, string> pairs)
    {
        var function = path.StartsWith("/analytics", StringComparison.Ordinal) ? loop.Analytics : loop.Workouts;
        var json = (await loop.ExpectAsync(function, 200, "GET", path, sub)).GetRawText();
        var node = JsonNode.Parse(Rename(json, pairs))!;
        Strip(node);
        return node.ToJsonString();
    }

    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "version", "createdAt", "updatedAt", "changedAt", "computedAt", "generatedAt", "nextCursor", "dataVersion" };

    private static void Strip(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).Where(Bookkeeping.Contains).ToList())
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

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Strip(child);
                    }
                }

                break;
        }
    }

    private static string Rename(string text, Dictionary<string, string> pairs) =>
        pairs.Aggregate(text.Replace("\"live\"", "\"uploader\"", StringComparison.Ordinal), (t, p) => t.Replace(p.Key, p.Value, StringComparison.Ordinal));

    private static SortedDictionary<string, string> Rename(SortedDictionary<string, string> items, Dictionary<string, string> pairs) =>
        new(items.ToDictionary(i => Rename(i.Key, pairs), i => Rename(i.Value, pairs)), StringComparer.Ordinal);
}
