using GymCoach.Analytics.Data;

namespace GymCoach.Analytics.Domain;

/// <summary>Personal records and achievements, as the stream handler keeps them.</summary>
public sealed class RecordService
{
    private readonly AggregateStore _store;

    public RecordService(AggregateStore store) => _store = store;

    public async Task<IReadOnlyList<ExerciseRecords>> RecordsAsync(string userId, CancellationToken cancellationToken) =>
        (await _store.RecordsAsync(userId, cancellationToken).ConfigureAwait(false))
            .OrderByDescending(r => r.LastPerformedAt, StringComparer.Ordinal)
            .ThenBy(r => r.ExerciseId, StringComparer.Ordinal)
            .ToList();

    public async Task<AchievementsResponse> AchievementsAsync(string userId, CancellationToken cancellationToken)
    {
        var earned = (await _store.AchievementsAsync(userId, cancellationToken, consistent: false).ConfigureAwait(false))
            .OrderByDescending(a => a.EarnedAt, StringComparer.Ordinal)
            .ThenBy(a => a.Code, StringComparer.Ordinal)
            .ToList();
        var held = earned.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var available = new List<AvailableAchievement>();
        if (!held.Contains("first-session"))
        {
            available.Add(new("first-session", "sessions", "First session", 1));
        }

        available.AddRange(Achievements.SessionCounts.Where(c => !held.Contains($"sessions-{c}")).Select(c => new AvailableAchievement($"sessions-{c}", "sessions", $"{c} sessions", c)));
        available.AddRange(Achievements.StreakWeeks.Where(w => !held.Contains($"streak-{w}")).Select(w => new AvailableAchievement($"streak-{w}", "streak", $"{w}-week streak", w)));
        available.AddRange(Achievements.VolumeMilestonesKg
            .Select(kg => (Code: $"volume-{kg.ToString(System.Globalization.CultureInfo.InvariantCulture)}kg", Kg: kg))
            .Where(v => !held.Contains(v.Code))
            .Select(v => new AvailableAchievement(v.Code, "volume", $"{v.Kg / 1000:0.#} t lifted", v.Kg)));
        return new AchievementsResponse(earned, available);
    }
}
