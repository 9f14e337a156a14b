using System.Text.Json;
using GymCoach.Analytics.Data.Stored;
using GymCoach.Analytics.Domain;

namespace GymCoach.Analytics.Tests.Data;

/// <summary>
/// The stored shapes are separate from the domain's and the API's, and write the very JSON the items already hold
/// (written before the separation from the domain types): nothing stored needs rewriting, and a round trip loses nothing.
/// </summary>
public sealed class StoredAggregatesTests
{
    private static readonly Aggregates Built = Build();

    [Fact]
    public void StoredSummary_OfBuiltAggregates_IsTheJsonTheDomainTypeWroteAndReadsBackEqual()
    {
        var domain = JsonSerializer.Serialize(Built.Summary, AnalyticsJsonContext.Default.AnalyticsSummary);
        var stored = JsonSerializer.Serialize(StoredSummary.From(Built.Summary), AnalyticsStoreJsonContext.Default.StoredSummary);

        // Preconditions: the sample fills what can be empty (weeks, records, achievements, bodyweight, streak).
        Assert.NotEmpty(Built.Summary.RecentWeeks);
        Assert.NotEmpty(Built.Summary.RecentRecords);
        Assert.NotEmpty(Built.Summary.NewestAchievements);
        Assert.NotNull(Built.Summary.Bodyweight);
        Assert.Equal(domain, stored);
        var back = JsonSerializer.Deserialize(domain, AnalyticsStoreJsonContext.Default.StoredSummary)!.ToDomain();
        Assert.Equal(domain, JsonSerializer.Serialize(back, AnalyticsJsonContext.Default.AnalyticsSummary));
    }

    [Fact]
    public void StoredRecordsWeeksAchievementsAndDigests_AreTheJsonTheDomainTypesWrote()
    {
        Assert.All(Built.Records.Values, r => Assert.Equal(
            JsonSerializer.Serialize(r, AnalyticsJsonContext.Default.ExerciseRecords),
            JsonSerializer.Serialize(StoredRecords.From(r), AnalyticsStoreJsonContext.Default.StoredRecords)));
        Assert.All(Built.Weeks.Values, w => Assert.Equal(
            JsonSerializer.Serialize(w, AnalyticsJsonContext.Default.WeekStats),
            JsonSerializer.Serialize(StoredWeek.From(w), AnalyticsStoreJsonContext.Default.StoredWeek)));
        Assert.All(Built.Earned, a => Assert.Equal(
            JsonSerializer.Serialize(a, AnalyticsJsonContext.Default.Achievement),
            JsonSerializer.Serialize(StoredAchievement.From(a), AnalyticsStoreJsonContext.Default.StoredAchievement)));
        var digest = Digest();
        var json = JsonSerializer.Serialize(digest, AnalyticsJsonContext.Default.SessionDigest);
        Assert.Equal(json, JsonSerializer.Serialize(StoredDigest.From(digest), AnalyticsStoreJsonContext.Default.StoredDigest));
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, AnalyticsStoreJsonContext.Default.StoredDigest)!.ToDomain(), AnalyticsJsonContext.Default.SessionDigest));
    }

    [Fact]
    public void StoredRecomputeJob_ReadsWhatTheDomainTypeWrote_AndLosesNothing()
    {
        var job = new RecomputeJob("01JJOB", RecomputeJob.Done, "2026-12-01T10:00:00.000Z", "2026-12-01T10:00:01.000Z", "2026-12-01T10:00:09.000Z", new UpdateOutcome(12, 12, 4, 7, 2, 31), 3, RecomputeJob.Aggregates, "c", 12, 12, "2026-12-01T10:00:09.000Z");
        var old = JsonSerializer.Serialize(job, AnalyticsJsonContext.Default.RecomputeJob);

        // Items stored before the separation also hold the computed isActive; reading them ignores it.
        Assert.Contains("\"isActive\"", old, StringComparison.Ordinal);
        Assert.Equal(job, JsonSerializer.Deserialize(old, AnalyticsStoreJsonContext.Default.StoredRecomputeJob)!.ToDomain());
        var stored = JsonSerializer.Serialize(StoredRecomputeJob.From(job), AnalyticsStoreJsonContext.Default.StoredRecomputeJob);
        Assert.Equal(job, JsonSerializer.Deserialize(stored, AnalyticsStoreJsonContext.Default.StoredRecomputeJob)!.ToDomain());
        Assert.Equal(job, JsonSerializer.Deserialize(stored, AnalyticsJsonContext.Default.RecomputeJob));
    }

    private static SessionDigest Digest(string id = "01JSESSION0000000000000000", string day = "2026-11-02", double squatKg = 120) => SessionDigest.From(
        new SessionFacts(
            id,
            SessionFacts.Completed,
            $"{day}T07:00:00.000Z",
            $"{day}T08:00:00.000Z",
            3600,
            [
                new SetFact(id + "-1", "barbell-back-squat", 5, squatKg - 20, "normal", $"{day}T07:10:00.000Z"),
                new SetFact(id + "-2", "barbell-back-squat", 3, squatKg, "normal", $"{day}T07:20:00.000Z"),
                new SetFact(id + "-3", "barbell-bench-press", 8, 60, "warmup", $"{day}T07:30:00.000Z"),
            ]),
        _ => ["quads", "glutes"])!;

    /// <summary>Two weeks, the second beating the first's squat: weeks, records, recent PRs and achievements all non-empty.</summary>
    private static Aggregates Build() =>
        AggregateBuilder.Build(
            [Digest(), Digest("01JSESSION0000000000000001", "2026-11-09", 140)],
            new Bodyweight(80, new DateOnly(2026, 11, 1)),
            DayOfWeek.Monday);
}
