using GymCoach.Analytics.Domain;

namespace GymCoach.Analytics.Tests.Domain;

public sealed class AggregateBuilderTests
{
    [Fact]
    public void Build_HighRepSetThenALightLowRepSet_IsNoPersonalRecord()
    {
        // 20 reps give no e1RM (Epley is used to 12); a later 5 × 20 kg must not "beat" a rep count in kilograms.
        var aggregates = Build(Session("s1", "2026-11-02", ("squat", 20, 60)), Session("s2", "2026-11-09", ("squat", 5, 20)));

        Assert.Null(aggregates.Records["squat"].FirstPrAt);
        Assert.DoesNotContain(aggregates.Earned, a => a.Kind == "first-pr");
    }

    [Fact]
    public void Build_HeavierSessionAfterAnother_IsTheFirstPersonalRecord()
    {
        var aggregates = Build(Session("s1", "2026-11-02", ("squat", 5, 100)), Session("s2", "2026-11-09", ("squat", 5, 105)));

        Assert.Equal("2026-11-09T10:00:00Z", aggregates.Records["squat"].FirstPrAt);
        Assert.Contains(aggregates.Earned, a => a.Code == "first-pr:squat");
    }

    [Fact]
    public void Build_MoreBodyweightRepsAfterAnotherSession_IsTheFirstPersonalRecord()
    {
        var aggregates = Build(Session("s1", "2026-11-02", ("pull-up", 8, 0)), Session("s2", "2026-11-09", ("pull-up", 10, 0)));

        Assert.Equal("2026-11-09T10:00:00Z", aggregates.Records["pull-up"].FirstPrAt);
    }

    [Fact]
    public void Build_BodyweightMultiple_IsDatedByTheLiftButNeverBeforeTheWeighIn()
    {
        var digests = new[] { Session("s1", "2026-11-02", ("barbell-back-squat", 3, 100)), Session("s2", "2026-11-09", ("barbell-back-squat", 3, 150)) };

        var later = AggregateBuilder.Build(digests, new Bodyweight(75, new DateOnly(2026, 11, 20)), DayOfWeek.Monday).Earned;
        var earlier = AggregateBuilder.Build(digests, new Bodyweight(75, new DateOnly(2026, 10, 1)), DayOfWeek.Monday).Earned;

        Assert.Equal("2026-11-20T00:00:00Z", later.Single(a => a.Code == "bodyweight-1x:barbell-back-squat").EarnedAt);
        Assert.Equal("2026-11-20T00:00:00Z", later.Single(a => a.Code == "bodyweight-2x:barbell-back-squat").EarnedAt);
        Assert.Equal("2026-11-02T10:00:00Z", earlier.Single(a => a.Code == "bodyweight-1x:barbell-back-squat").EarnedAt);
        Assert.Equal("2026-11-09T10:00:00Z", earlier.Single(a => a.Code == "bodyweight-2x:barbell-back-squat").EarnedAt);
    }

    private static Aggregates Build(params SessionDigest[] digests) => AggregateBuilder.Build(digests, null, DayOfWeek.Monday);

    private static SessionDigest Session(string id, string day, params (string Exercise, int Reps, double Kg)[] sets) =>
        SessionDigest.From(
            new SessionFacts(id, SessionFacts.Completed, day + "T09:00:00Z", day + "T11:00:00Z", 3600, sets.Select((s, i) => new SetFact($"{id}-{i}", s.Exercise, s.Reps, s.Kg, "normal", day + "T10:00:00Z")).ToList()),
            _ => ["quads"])!;
}
