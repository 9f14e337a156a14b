using System.Text.Json;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using CsCheck;
using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>
/// The correctness property of the stream handler: for random histories (sessions with random sets, completed or
/// not, edited after completion, discarded, bodyweight measured) written through the real Workouts and Profiles
/// handlers, aggregates built from stream records — delivered in random batches, reordered, redelivered, some
/// applied while the history is still changing — equal the aggregates recomputed from scratch.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class StreamedEqualsRecomputedTests(DynamoDbFixture dynamo)
{
    private static readonly string[] Types = ["normal", "normal", "normal", "warmup", "failure", "dropset"];

    private sealed record SetPlan(int Exercise, int Reps, int Kg, int Type);

    private sealed record SessionPlan(List<SetPlan> Sets, bool Complete);

    private sealed record Change(int Kind, int Session, int Set, int Reps, int Kg);

    private sealed record History(List<SessionPlan> Sessions, List<Change> Changes, int Seed);

    private static readonly TimeSpan[] Steps = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(7), TimeSpan.FromDays(2)];

    private static readonly Gen<SetPlan> SetGen = Gen.Select(Gen.Int[0, AnalyticsLoop.Library.Length - 1], Gen.Int[0, 15], Gen.Int[0, 80], Gen.Int[0, Types.Length - 1], (e, r, k, t) => new SetPlan(e, r, k, t));

    private static readonly Gen<History> HistoryGen = Gen.Select(
        Gen.Select(SetGen.List[1, 5], Gen.Int[0, 9], (sets, c) => new SessionPlan(sets, c < 8)).List[1, 6],
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[1, 15], Gen.Int[10, 80], (kind, s, set, r, k) => new Change(kind, s, set, r, k)).List[0, 4],
        Gen.Int,
        (sessions, changes, seed) => new History(sessions, changes, seed));

    [Fact]
    public async Task Aggregates_FromRandomlyDeliveredRecords_EqualARecomputeFromScratch()
    {
        // Time moves only by hand, by steps the history draws (none, a second, minutes, days): the same seed makes
        // the same timeline on every machine, ties and near-ties included, rather than whichever wall-clock seconds
        // a run happened to reach.
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock, mapStream: false);
        var batch = new BatchOptimizer(dynamo.Client, loop.Table);
        var updater = new AggregateUpdater(new AggregateStore(dynamo.Client, loop.Table, batch), new WorkoutHistory(dynamo.Client, loop.Table), new ExerciseMuscles(batch), clock);
        await HistoryGen.SampleAsync(async history => await CheckAsync(loop, updater, clock, history), iter: 25, threads: 1, seed: Environment.GetEnvironmentVariable("STREAMED_SEED"));
    }

    private static async Task CheckAsync(AnalyticsLoop loop, AggregateUpdater updater, ManualClock clock, History history)
    {
        var user = "p" + Guid.NewGuid().ToString("N")[..10];
        var random = new Random(history.Seed);
        var pending = new List<string>();
        var sequence = 0;
        var sessions = new List<(string Id, List<(string Id, long Version)> Sets, bool Completed)>();
        var rewritten = false;
        var discarded = new HashSet<string>(StringComparer.Ordinal);

        async Task FeedAsync(IEnumerable<string> sortKeys, bool shuffle)
        {
            // Redelivered (some records twice, the copy later: a replay), in batches of random size; shuffled too
            // once every change exists — while the history is still changing, one user's records (one partition,
            // one shard) arrive in the order they were written, as the stream delivers them.
            var records = sortKeys.SelectMany(k => random.Next(4) == 0 ? new[] { k, k } : new[] { k }).ToList();
            records = shuffle ? records.OrderBy(_ => random.Next()).ToList() : records.Concat(records.Where(_ => random.Next(5) == 0)).ToList();
            for (var i = 0; i < records.Count;)
            {
                var size = random.Next(1, 8);
                var batch = records.Skip(i).Take(size).Select(sk => (user, sk)).ToList();
                var payload = StreamEvents.Keys(batch, firstSequence: sequence + 1);
                sequence += batch.Count;
                var result = await AnalyticsLoop.InvokeAsync(loop.Stream, payload);
                Assert.False(result.FunctionError);
                Assert.Empty(JsonNode.Parse(result.Payload)!["batchItemFailures"]!.AsArray());
                i += size;
            }
        }

        async Task MaybeFeedAsync()
        {
            // Applied while the history is still changing: every record so far, in order, with replays.
            if (random.Next(3) == 0 && pending.Count > 0)
            {
                await FeedAsync(pending, shuffle: false);
            }
        }

        foreach (var plan in history.Sessions)
        {
            clock.Advance(Steps[random.Next(Steps.Length)]);
            var id = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", user, """{"name":"Random"}""")).GetProperty("id").GetString()!;
            var sets = new List<(string, long)>();
            foreach (var set in plan.Sets)
            {
                var body = $$"""{"exerciseId":"{{AnalyticsLoop.Library[set.Exercise].Id}}","reps":{{set.Reps}},"weightKg":{{(set.Kg * 2.5).ToString(CultureInfo.InvariantCulture)}},"type":"{{Types[set.Type]}}"}""";
                var logged = await loop.ExpectAsync(loop.Workouts, 201, "POST", $"/workouts/sessions/{id}/sets", user, body);
                sets.Add((logged.GetProperty("id").GetString()!, logged.GetProperty("version").GetInt64()));
            }

            if (plan.Complete)
            {
                await loop.ExpectAsync(loop.Workouts, 200, "POST", $"/workouts/sessions/{id}/complete", user);
            }

            sessions.Add((id, sets, plan.Complete));
            pending.Add(Keys.Session(id));
            await MaybeFeedAsync();
        }

        foreach (var change in history.Changes)
        {
            var (id, sets, _) = sessions[change.Session % sessions.Count];
            switch (change.Kind)
            {
                case 0 when sets.Count > 0 && !discarded.Contains(id):
                    var index = change.Set % sets.Count;
                    var (setId, version) = sets[index];
                    var edited = await loop.ExpectAsync(loop.Workouts, 200, "PUT", $"/workouts/sessions/{id}/sets/{setId}", user,
                        $$"""{"exerciseId":"{{AnalyticsLoop.Library[change.Set % AnalyticsLoop.Library.Length].Id}}","reps":{{change.Reps}},"weightKg":{{(change.Kg * 2.5).ToString(CultureInfo.InvariantCulture)}}}""",
                        headers: new() { ["if-match"] = $"\"{version}\"" });
                    sets[index] = (setId, edited.GetProperty("version").GetInt64());
                    rewritten = true;
                    break;
                case 1:
                    var session = await loop.SendAsync(loop.Workouts, "GET", $"/workouts/sessions/{id}", user);
                    if (session.Status == 200)
                    {
                        await loop.ExpectAsync(loop.Workouts, 204, "DELETE", $"/workouts/sessions/{id}", user, headers: new() { ["if-match"] = $"\"{session.Json.GetProperty("version").GetInt64()}\"" });
                        rewritten = true;
                        discarded.Add(id);
                    }

                    break;
                default:
                    var measured = await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", user, $$"""{"date":"2026-11-{{10 + change.Set}}","weightKg":{{change.Kg + 40}}}""");
                    pending.Add(Keys.Measurement(new DateOnly(2026, 11, 10 + change.Set), measured.GetProperty("id").GetString()!));
                    rewritten = true; // a new bodyweight can move the bar of the bodyweight multiples
                    break;
            }

            pending.Add(Keys.Session(id));
            await MaybeFeedAsync();
        }

        await FeedAsync(pending, shuffle: true);
        var streamed = await loop.AggregatesAsync(user);

        // From scratch: nothing derived left, then a rebuild from the raw items alone.
        var derived = await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, user, Keys.AnalyticsPrefix);
        foreach (var item in derived)
        {
            await loop.Dynamo.Client.DeleteItemAsync(loop.Table, new() { [Keys.PartitionKey] = item[Keys.PartitionKey], [Keys.SortKey] = item[Keys.SortKey] });
        }

        await updater.UpdateAsync(UserChanges.Rebuild(user), CancellationToken.None);
        var scratch = await loop.AggregatesAsync(user);

        Assert.Equal(WithoutAchievements(scratch), WithoutAchievements(streamed));
        var scratchAchievements = scratch.Where(a => a.Key.StartsWith(Keys.AnalyticsAchievementPrefix, StringComparison.Ordinal)).ToList();
        var streamedAchievements = streamed.Where(a => a.Key.StartsWith(Keys.AnalyticsAchievementPrefix, StringComparison.Ordinal)).ToList();
        if (rewritten)
        {
            // An edit, a discard or a new bodyweight may take back what an earlier state earned: earned achievements are kept.
            Assert.Subset(streamedAchievements.Select(a => a.Key).ToHashSet(), scratchAchievements.Select(a => a.Key).ToHashSet());
        }
        else
        {
            Assert.True(scratchAchievements.SequenceEqual(streamedAchievements), string.Join("\n", scratchAchievements.Concat(streamedAchievements).Select(a => a.Value)));
        }

        // The summary is written last: no aggregate without it.
        Assert.True(!streamed.Keys.Any(k => k != Keys.AnalyticsSummary) || streamed.ContainsKey(Keys.AnalyticsSummary), string.Join(",", streamed.Keys));
    }

    /// <summary>Every aggregate but the achievements (and the summary's list of the newest ones), which are sticky by design.</summary>
    private static SortedDictionary<string, string> WithoutAchievements(SortedDictionary<string, string> aggregates)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in aggregates.Where(a => !a.Key.StartsWith(Keys.AnalyticsAchievementPrefix, StringComparison.Ordinal)))
        {
            if (key == Keys.AnalyticsSummary)
            {
                var summary = JsonNode.Parse(value)!.AsObject();
                summary.Remove("newestAchievements");
                var nothing = JsonNode.Parse(JsonSerializer.Serialize(AggregateBuilder.Build([], null, WeekCalendar.Parse(summary["weekStartDay"]!.GetValue<string>())).Summary, AnalyticsJsonContext.Default.AnalyticsSummary))!.AsObject();
                nothing.Remove("newestAchievements");
                if (JsonNode.DeepEquals(summary, nothing))
                {
                    // The summary of nothing (all sessions discarded, no weigh-in) means what no summary means: a
                    // stream update writes none for a user it never derived anything for, a rebuild writes this one.
                    continue;
                }

                result[key] = summary.ToJsonString();
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }
}
