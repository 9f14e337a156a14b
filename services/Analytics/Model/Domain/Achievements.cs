using System.Globalization;

namespace GymCoach.Analytics.Domain;

/// <summary>
/// The achievement catalogue, and which of it a history has earned and when. Dates are the history's own
/// (the session or set that met the bar), so the same history always earns the same achievements at the same
/// times however its stream records arrived. Storing one item per code, written only if absent, keeps an earned
/// achievement (and its date) even if the history that earned it is later edited or deleted.
/// </summary>
public static class Achievements
{
    public static readonly IReadOnlyList<int> SessionCounts = [10, 50, 100, 500];
    public static readonly IReadOnlyList<int> StreakWeeks = [4, 12, 52];
    public static readonly IReadOnlyList<double> BodyweightMultiples = [1, 1.5, 2];
    public static readonly IReadOnlyList<double> VolumeMilestonesKg = [10_000, 100_000, 1_000_000];

    /// <summary>The big lifts the bodyweight multiples are awarded on (library ids).</summary>
    public static readonly IReadOnlyDictionary<string, string> BigLifts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["barbell-back-squat"] = "squat",
        ["barbell-bench-press"] = "bench press",
        ["conventional-deadlift"] = "deadlift",
        ["overhead-press"] = "overhead press",
    };

    /// <summary>Every achievement <paramref name="ordered"/> (sessions by completion) earns.</summary>
    public static List<Achievement> Earned(IReadOnlyList<SessionDigest> ordered, IReadOnlyDictionary<DateOnly, WeekStats> weeks, DayOfWeek weekStart, IReadOnlyDictionary<string, ExerciseRecords> records, Bodyweight? bodyweight)
    {
        var earned = new List<Achievement>();
        if (ordered.Count > 0)
        {
            earned.Add(new Achievement("first-session", "sessions", "First session", ordered[0].CompletedAt, Threshold: 1));
        }

        foreach (var count in SessionCounts.Where(c => c <= ordered.Count))
        {
            earned.Add(new Achievement($"sessions-{count}", "sessions", $"{count} sessions", ordered[count - 1].CompletedAt, Threshold: count));
        }

        StreakAchievements(ordered, weeks, weekStart, earned);
        double cumulative = 0;
        var milestone = 0;
        foreach (var session in ordered)
        {
            cumulative += session.VolumeKg;
            while (milestone < VolumeMilestonesKg.Count && cumulative >= VolumeMilestonesKg[milestone])
            {
                var kg = VolumeMilestonesKg[milestone++];
                earned.Add(new Achievement($"volume-{kg.ToString(CultureInfo.InvariantCulture)}kg", "volume", $"{kg / 1000:0.#} t lifted", session.CompletedAt, Threshold: kg));
            }
        }

        foreach (var record in records.Values)
        {
            if (record.FirstPrAt is { } at)
            {
                earned.Add(new Achievement($"first-pr:{record.ExerciseId}", "first-pr", "First PR", at, record.ExerciseId));
            }
        }

        if (bodyweight is { WeightKg: > 0 } bw)
        {
            // Earned by the first set at or over the bar, but never before the weigh-in that set the bar.
            var weighedIn = bw.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
            foreach (var (lift, name) in BigLifts)
            {
                foreach (var multiple in BodyweightMultiples)
                {
                    var bar = OneRepMax.Round(bw.WeightKg * multiple);
                    var set = ordered.Select(d => d.Exercises.GetValueOrDefault(lift)?.Heaviest).FirstOrDefault(m => m is not null && m.Value >= bar);
                    if (set is not null)
                    {
                        var label = multiple.ToString("0.#", CultureInfo.InvariantCulture);
                        var at = string.CompareOrdinal(set.At, weighedIn) >= 0 ? set.At : weighedIn;
                        earned.Add(new Achievement($"bodyweight-{label}x:{lift}", "bodyweight", $"{label}× bodyweight {name}", at, lift, multiple));
                    }
                }
            }
        }

        return earned;
    }

    private static void StreakAchievements(IReadOnlyList<SessionDigest> ordered, IReadOnlyDictionary<DateOnly, WeekStats> weeks, DayOfWeek weekStart, List<Achievement> earned)
    {
        // The session that made a run reach N weeks is the first one of the run's Nth week.
        var firstOfWeek = new Dictionary<DateOnly, string>();
        foreach (var session in ordered)
        {
            firstOfWeek.TryAdd(WeekCalendar.WeekOf(session.Day, weekStart), session.CompletedAt);
        }

        var awarded = new HashSet<int>();
        var run = 0;
        DateOnly? previous = null;
        foreach (var week in weeks.Keys.Order())
        {
            run = previous is { } p && p.AddDays(7) == week ? run + 1 : 1;
            previous = week;
            foreach (var target in StreakWeeks.Where(t => t == run && awarded.Add(t)))
            {
                earned.Add(new Achievement($"streak-{target}", "streak", $"{target}-week streak", firstOfWeek[week], Threshold: target));
            }
        }
    }
}
