namespace GymCoach.Analytics.Domain;

/// <summary>One week's training: sessions, volume, time, and working sets per muscle group (primary muscles).</summary>
public sealed record WeekStats(
    DateOnly WeekStart,
    int Sessions,
    double VolumeKg,
    long DurationSeconds,
    int Sets,
    int WorkingSets,
    IReadOnlyDictionary<string, int> MuscleSets);

/// <summary>
/// A lifter's personal records on one exercise, from every completed session of it: heaviest weight, best
/// estimated 1RM (Epley, <see cref="OneRepMax"/>), best single-set volume and the most reps done at each weight.
/// </summary>
public sealed record ExerciseRecords(
    string ExerciseId,
    int Sessions,
    string FirstPerformedAt,
    string LastPerformedAt,
    SetMark? Heaviest,
    SetMark? BestE1rm,
    SetMark? BestSetVolume,
    IReadOnlyList<SetMark> RepsAtWeight,
    string? FirstPrAt);

/// <summary>A current record, for "recent PRs": which exercise, which kind (heaviest, e1rm, setVolume), the set.</summary>
public sealed record RecentRecord(string ExerciseId, string Kind, double Value, double WeightKg, int Reps, string At);

/// <summary>
/// Weeks in a row with at least one session, as of the latest week with one. Whether that run is still alive
/// depends on today, so it is decided when read (<see cref="CurrentWeeks"/>).
/// </summary>
public sealed record StreakRun(DateOnly? LastWeek, int LastRunWeeks, int LongestWeeks)
{
    /// <summary>The streak today: alive while the latest active week is this one or the one before (this week is not over).</summary>
    public int CurrentWeeks(DateOnly thisWeek) =>
        LastWeek is { } last && (last == thisWeek || last == thisWeek.AddDays(-7)) ? LastRunWeeks : 0;
}

/// <summary>The latest measured bodyweight: what the bodyweight-multiple achievements compare lifts with.</summary>
public sealed record Bodyweight(double WeightKg, DateOnly Date);

/// <summary>An achievement, earned at the moment the history first met it (a session's or a set's time).</summary>
public sealed record Achievement(string Code, string Kind, string Title, string EarnedAt, string? ExerciseId = null, double? Threshold = null);

/// <summary>The user's home-screen aggregates: one item, read by the dashboard's one BatchGetItem.</summary>
public sealed record AnalyticsSummary(
    int Sessions,
    double VolumeKg,
    long DurationSeconds,
    string? FirstSessionAt,
    string? LastSessionAt,
    string WeekStartDay,
    StreakRun Streak,
    IReadOnlyList<WeekStats> RecentWeeks,
    IReadOnlyList<RecentRecord> RecentRecords,
    IReadOnlyList<Achievement> NewestAchievements,
    Bodyweight? Bodyweight)
{
    /// <summary>The lifter's zone the days, weeks and streak were counted in (a new zone rebuilds them).</summary>
    public string TimeZone { get; init; } = GymCoach.Data.Calendar.LocalCalendar.DefaultZone;

    public static AnalyticsSummary Empty(string weekStartDay) =>
        new(0, 0, 0, null, null, weekStartDay, new StreakRun(null, 0, 0), [], [], [], null);
}
