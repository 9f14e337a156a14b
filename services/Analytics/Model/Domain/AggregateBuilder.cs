namespace GymCoach.Analytics.Domain;

/// <summary>Everything derived from a user's digests: per-week stats, per-exercise records, achievements, the summary.</summary>
public sealed record Aggregates(
    IReadOnlyDictionary<DateOnly, WeekStats> Weeks,
    IReadOnlyDictionary<string, ExerciseRecords> Records,
    IReadOnlyList<Achievement> Earned,
    AnalyticsSummary Summary);

/// <summary>
/// The one computation behind both the stream handler and recompute: a pure function of the user's session
/// digests, latest bodyweight and week start. Because the streamed path only decides <i>which</i> digests to
/// rebuild and then calls this, "streamed equals recomputed" reduces to "the digests are the same".
/// </summary>
public static class AggregateBuilder
{
    public const int RecentWeeks = 3;
    public const int RecentRecordCount = 5;
    public const int NewestAchievementCount = 5;
    public const int RepsAtWeightKept = 25;

    /// <summary>The aggregates of <paramref name="digests"/>; <paramref name="stored"/> achievements (already awarded) keep their dates.</summary>
    public static Aggregates Build(IEnumerable<SessionDigest> digests, Bodyweight? bodyweight, DayOfWeek weekStart, IEnumerable<Achievement>? stored = null, string timeZone = GymCoach.Data.Calendar.LocalCalendar.DefaultZone)
    {
        var ordered = digests.OrderBy(d => d.CompletedAt, StringComparer.Ordinal).ThenBy(d => d.SessionId, StringComparer.Ordinal).ToList();
        var weeks = ordered.GroupBy(d => WeekCalendar.WeekOf(d.Day, weekStart)).ToDictionary(g => g.Key, g => Week(g.Key, g.ToList()));
        var records = Records(ordered);
        var earned = Achievements.Earned(ordered, weeks, weekStart, records, bodyweight);
        var all = (stored ?? []).Concat(earned).GroupBy(a => a.Code, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var summary = new AnalyticsSummary(
            ordered.Count,
            SessionDigest.Volume(ordered.Sum(d => d.VolumeKg)),
            ordered.Sum(d => d.DurationSeconds),
            ordered.FirstOrDefault()?.CompletedAt,
            ordered.LastOrDefault()?.CompletedAt,
            WeekCalendar.Name(weekStart),
            Streak(weeks.Keys),
            weeks.Keys.Order().TakeLast(RecentWeeks).Select(w => weeks[w]).ToList(),
            RecentRecords(records.Values),
            all.OrderByDescending(a => a.EarnedAt, StringComparer.Ordinal).ThenBy(a => a.Code, StringComparer.Ordinal).Take(NewestAchievementCount).ToList(),
            bodyweight)
        {
            TimeZone = timeZone,
        };
        return new Aggregates(weeks, records, earned, summary);
    }

    private static WeekStats Week(DateOnly start, List<SessionDigest> sessions)
    {
        var muscles = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var exercise in sessions.SelectMany(s => s.Exercises.Values))
        {
            foreach (var muscle in exercise.Muscles)
            {
                muscles[muscle] = muscles.GetValueOrDefault(muscle) + exercise.WorkingSets;
            }
        }

        return new WeekStats(start, sessions.Count, SessionDigest.Volume(sessions.Sum(s => s.VolumeKg)), sessions.Sum(s => s.DurationSeconds), sessions.Sum(s => s.Sets), sessions.Sum(s => s.WorkingSets), muscles);
    }

    private static Dictionary<string, ExerciseRecords> Records(List<SessionDigest> ordered)
    {
        var result = new Dictionary<string, ExerciseRecords>(StringComparer.Ordinal);
        foreach (var group in ordered.SelectMany(d => d.Exercises.Select(e => (Session: d, Id: e.Key, Exercise: e.Value))).GroupBy(x => x.Id, StringComparer.Ordinal))
        {
            SetMark? heaviest = null, e1rm = null, volume = null;
            var repsAt = new SortedDictionary<double, SetMark>();
            string? firstPr = null;
            double? e1rmBefore = null;
            int? repsBefore = null;
            var sessions = group.ToList();
            foreach (var (session, _, exercise) in sessions)
            {
                // A PR is a session beating the best of the sessions before it: by e1RM, or — for bodyweight work, which
                // has none — by reps. The two are never compared with each other.
                var estimated = exercise.BestE1rm?.Value;
                var bodyweight = exercise.RepsAtWeight.Where(m => m.WeightKg <= 0).MaxBy(m => m.Reps);
                if (firstPr is null && estimated is { } estimate && e1rmBefore is { } bestEstimate && estimate > bestEstimate)
                {
                    firstPr = exercise.BestE1rm!.At;
                }
                else if (firstPr is null && estimated is null && e1rmBefore is null && bodyweight is not null && repsBefore is { } bestReps && bodyweight.Reps > bestReps)
                {
                    firstPr = bodyweight.At;
                }

                if (estimated is { } seen)
                {
                    e1rmBefore = Math.Max(e1rmBefore ?? 0, seen);
                }

                if (bodyweight is not null)
                {
                    repsBefore = Math.Max(repsBefore ?? 0, bodyweight.Reps);
                }

                heaviest = SessionDigest.Better(heaviest, exercise.Heaviest);
                e1rm = SessionDigest.Better(e1rm, exercise.BestE1rm);
                volume = SessionDigest.Better(volume, exercise.BestSetVolume);
                foreach (var mark in exercise.RepsAtWeight)
                {
                    if (!repsAt.TryGetValue(mark.WeightKg, out var held) || mark.Reps > held.Reps)
                    {
                        repsAt[mark.WeightKg] = mark;
                    }
                }
            }

            result[group.Key] = new ExerciseRecords(
                group.Key,
                sessions.Count,
                sessions[0].Session.CompletedAt,
                sessions[^1].Session.CompletedAt,
                heaviest,
                e1rm,
                volume,
                repsAt.Values.Reverse().Take(RepsAtWeightKept).ToList(),
                firstPr);
        }

        return result;
    }

    private static StreakRun Streak(IEnumerable<DateOnly> weeks)
    {
        DateOnly? last = null;
        int run = 0, longest = 0;
        foreach (var week in weeks.Order())
        {
            run = last is { } l && l.AddDays(7) == week ? run + 1 : 1;
            longest = Math.Max(longest, run);
            last = week;
        }

        return new StreakRun(last, run, longest);
    }

    private static List<RecentRecord> RecentRecords(IEnumerable<ExerciseRecords> records) =>
        records
            .Where(r => r.Sessions > 1)
            .SelectMany(r => new (string Kind, SetMark? Mark)[] { ("heaviest", r.Heaviest), ("e1rm", r.BestE1rm), ("setVolume", r.BestSetVolume) }
                .Where(m => m.Mark is not null && string.CompareOrdinal(m.Mark.At, r.FirstPerformedAt) > 0)
                .Select(m => new RecentRecord(r.ExerciseId, m.Kind, m.Mark!.Value, m.Mark.WeightKg, m.Mark.Reps, m.Mark.At)))
            .OrderByDescending(r => r.At, StringComparer.Ordinal)
            .ThenBy(r => r.ExerciseId, StringComparer.Ordinal)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .Take(RecentRecordCount)
            .ToList();
}
