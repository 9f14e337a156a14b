using GymCoach.Analytics.Domain;

namespace GymCoach.Analytics.Data.Stored;

// The persisted shapes of Analytics' derived items: what a digest, week, record, achievement or summary item holds
// (as JSON in its data attribute). They are not the domain's types nor the API's: those can change, and the stored
// ones change only with the derivation version (Derivation), which re-derives what an older formula stored. Their
// property names are the JSON the items already hold, so nothing stored before this separation needs rewriting.

/// <summary>A set that holds a mark (heaviest, best e1RM, best set volume, most reps at a weight).</summary>
internal sealed record StoredMark(double Value, double WeightKg, int Reps, string At, string SetId)
{
    public static StoredMark From(SetMark mark) => new(mark.Value, mark.WeightKg, mark.Reps, mark.At, mark.SetId);

    public static StoredMark? FromOptional(SetMark? mark) => mark is null ? null : From(mark);

    public SetMark ToDomain() => new(Value, WeightKg, Reps, At, SetId);
}

internal sealed record StoredExerciseDigest(int Sets, int WorkingSets, long Reps, double VolumeKg, IReadOnlyList<string> Muscles, StoredMark? Heaviest, StoredMark? BestE1rm, StoredMark? BestSetVolume, IReadOnlyList<StoredMark> RepsAtWeight)
{
    public static StoredExerciseDigest From(ExerciseDigest d) =>
        new(d.Sets, d.WorkingSets, d.Reps, d.VolumeKg, d.Muscles, StoredMark.FromOptional(d.Heaviest), StoredMark.FromOptional(d.BestE1rm), StoredMark.FromOptional(d.BestSetVolume), d.RepsAtWeight.Select(StoredMark.From).ToList());

    public ExerciseDigest ToDomain() =>
        new(Sets, WorkingSets, Reps, VolumeKg, Muscles, Heaviest?.ToDomain(), BestE1rm?.ToDomain(), BestSetVolume?.ToDomain(), RepsAtWeight.Select(m => m.ToDomain()).ToList());
}

/// <summary>A completed session's digest (<c>ANALYTICS#SESSION#id</c>).</summary>
internal sealed record StoredDigest(
    string SessionId, DateOnly Day, string CompletedAt, long DurationSeconds, int Sets, int WorkingSets, long Reps, double VolumeKg, IReadOnlyDictionary<string, StoredExerciseDigest> Exercises,
    string? StartedAt = null, int? StartOffsetMinutes = null)
{
    public static StoredDigest From(SessionDigest d) =>
        new(d.SessionId, d.Day, d.CompletedAt, d.DurationSeconds, d.Sets, d.WorkingSets, d.Reps, d.VolumeKg, d.Exercises.ToDictionary(e => e.Key, e => StoredExerciseDigest.From(e.Value), StringComparer.Ordinal), d.StartedAt, d.StartOffsetMinutes);

    public SessionDigest ToDomain() =>
        new(SessionId, Day, CompletedAt, DurationSeconds, Sets, WorkingSets, Reps, VolumeKg, Exercises.ToDictionary(e => e.Key, e => e.Value.ToDomain(), StringComparer.Ordinal), StartedAt, StartOffsetMinutes);
}

/// <summary>One week's training (<c>ANALYTICS#WEEK#date</c>, and the summary's recent weeks).</summary>
internal sealed record StoredWeek(DateOnly WeekStart, int Sessions, double VolumeKg, long DurationSeconds, int Sets, int WorkingSets, IReadOnlyDictionary<string, int> MuscleSets)
{
    public static StoredWeek From(WeekStats w) => new(w.WeekStart, w.Sessions, w.VolumeKg, w.DurationSeconds, w.Sets, w.WorkingSets, w.MuscleSets);

    public WeekStats ToDomain() => new(WeekStart, Sessions, VolumeKg, DurationSeconds, Sets, WorkingSets, MuscleSets);
}

/// <summary>One exercise's records (<c>ANALYTICS#RECORD#exercise</c>).</summary>
internal sealed record StoredRecords(string ExerciseId, int Sessions, string FirstPerformedAt, string LastPerformedAt, StoredMark? Heaviest, StoredMark? BestE1rm, StoredMark? BestSetVolume, IReadOnlyList<StoredMark> RepsAtWeight, string? FirstPrAt)
{
    public static StoredRecords From(ExerciseRecords r) =>
        new(r.ExerciseId, r.Sessions, r.FirstPerformedAt, r.LastPerformedAt, StoredMark.FromOptional(r.Heaviest), StoredMark.FromOptional(r.BestE1rm), StoredMark.FromOptional(r.BestSetVolume), r.RepsAtWeight.Select(StoredMark.From).ToList(), r.FirstPrAt);

    public ExerciseRecords ToDomain() =>
        new(ExerciseId, Sessions, FirstPerformedAt, LastPerformedAt, Heaviest?.ToDomain(), BestE1rm?.ToDomain(), BestSetVolume?.ToDomain(), RepsAtWeight.Select(m => m.ToDomain()).ToList(), FirstPrAt);
}

/// <summary>An earned achievement (<c>ANALYTICS#ACHIEVEMENT#code</c>, and the summary's newest).</summary>
internal sealed record StoredAchievement(string Code, string Kind, string Title, string EarnedAt, string? ExerciseId = null, double? Threshold = null)
{
    public static StoredAchievement From(Achievement a) => new(a.Code, a.Kind, a.Title, a.EarnedAt, a.ExerciseId, a.Threshold);

    public Achievement ToDomain() => new(Code, Kind, Title, EarnedAt, ExerciseId, Threshold);
}

internal sealed record StoredRecentRecord(string ExerciseId, string Kind, double Value, double WeightKg, int Reps, string At)
{
    public static StoredRecentRecord From(RecentRecord r) => new(r.ExerciseId, r.Kind, r.Value, r.WeightKg, r.Reps, r.At);

    public RecentRecord ToDomain() => new(ExerciseId, Kind, Value, WeightKg, Reps, At);
}

internal sealed record StoredStreak(DateOnly? LastWeek, int LastRunWeeks, int LongestWeeks);

internal sealed record StoredBodyweight(double WeightKg, DateOnly Date);

/// <summary>The home screen's aggregates (<c>ANALYTICS#SUMMARY</c>).</summary>
internal sealed record StoredSummary(
    int Sessions,
    double VolumeKg,
    long DurationSeconds,
    string? FirstSessionAt,
    string? LastSessionAt,
    string WeekStartDay,
    StoredStreak Streak,
    IReadOnlyList<StoredWeek> RecentWeeks,
    IReadOnlyList<StoredRecentRecord> RecentRecords,
    IReadOnlyList<StoredAchievement> NewestAchievements,
    StoredBodyweight? Bodyweight,
    string? TimeZone = null)
{
    public static StoredSummary From(AnalyticsSummary s) => new(
        s.Sessions,
        s.VolumeKg,
        s.DurationSeconds,
        s.FirstSessionAt,
        s.LastSessionAt,
        s.WeekStartDay,
        new StoredStreak(s.Streak.LastWeek, s.Streak.LastRunWeeks, s.Streak.LongestWeeks),
        s.RecentWeeks.Select(StoredWeek.From).ToList(),
        s.RecentRecords.Select(StoredRecentRecord.From).ToList(),
        s.NewestAchievements.Select(StoredAchievement.From).ToList(),
        s.Bodyweight is { } b ? new StoredBodyweight(b.WeightKg, b.Date) : null,
        s.TimeZone);

    public AnalyticsSummary ToDomain() => new(
        Sessions,
        VolumeKg,
        DurationSeconds,
        FirstSessionAt,
        LastSessionAt,
        WeekStartDay,
        new StreakRun(Streak.LastWeek, Streak.LastRunWeeks, Streak.LongestWeeks),
        RecentWeeks.Select(w => w.ToDomain()).ToList(),
        RecentRecords.Select(r => r.ToDomain()).ToList(),
        NewestAchievements.Select(a => a.ToDomain()).ToList(),
        Bodyweight is { } b ? new Bodyweight(b.WeightKg, b.Date) : null)
    {
        TimeZone = TimeZone ?? GymCoach.Data.Calendar.LocalCalendar.DefaultZone,
    };
}
