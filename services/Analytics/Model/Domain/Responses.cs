namespace GymCoach.Analytics.Domain;

/// <summary>The home screen, in one request.</summary>
public sealed record DashboardResponse(
    string? DisplayName,
    string Units,
    string WeekStartDay,
    WeekStats ThisWeek,
    WeekStats LastWeek,
    DashboardStreak Streak,
    DashboardTotals Totals,
    IReadOnlyList<RecentRecord> RecentRecords,
    IReadOnlyList<Achievement> NewestAchievements,
    NextWorkoutResponse? NextWorkout,
    Bodyweight? Bodyweight,
    long DataVersion);

public sealed record DashboardStreak(int CurrentWeeks, int LongestWeeks, bool ThisWeekDone);

public sealed record DashboardTotals(int Sessions, double VolumeKg, long DurationSeconds);

/// <summary>The next planned workout on the schedule (today or later).</summary>
public sealed record NextWorkoutResponse(string Id, DateOnly Date, string Name, string? PlanId);

public sealed record RecordsResponse(IReadOnlyList<ExerciseRecords> Items);

/// <summary>An achievement not earned yet, so the app can show what is next.</summary>
public sealed record AvailableAchievement(string Code, string Kind, string Title, double Threshold);

public sealed record AchievementsResponse(IReadOnlyList<Achievement> Earned, IReadOnlyList<AvailableAchievement> Available);

/// <summary>One training day of an exercise: its best estimated 1RM (Epley), top weight, working volume, sets and reps.</summary>
public sealed record ProgressPoint(DateOnly Date, double? E1rmKg, double? TopWeightKg, double VolumeKg, int Sets, long Reps);

public sealed record ProgressResponse(string ExerciseId, DateOnly From, DateOnly To, string Formula, IReadOnlyList<ProgressPoint> Points, long DataVersion);

public sealed record VolumeResponse(int Weeks, string WeekStartDay, IReadOnlyList<WeekStats> Items, long DataVersion);

/// <summary>A day's weight (the mean of that day's measurements) and the mean of the measured days in the 7 days ending on it.</summary>
public sealed record BodyPoint(DateOnly Date, double WeightKg, double MovingAverageKg, double? BodyFatPct);

public sealed record BodyResponse(DateOnly From, DateOnly To, IReadOnlyList<BodyPoint> Points, long DataVersion);

/// <summary>A recompute job as the API shows it; <c>SessionsRead</c> is a running rebuild's progress.</summary>
public sealed record JobResponse(string Id, string Status, string RequestedAt, string? StartedAt, string? FinishedAt, UpdateOutcome? Outcome, string Location, int SessionsRead)
{
    public static JobResponse From(RecomputeJob job) =>
        new(job.Id, job.Status == RecomputeJob.Continuing ? RecomputeJob.Running : job.Status, job.RequestedAt, job.StartedAt, job.FinishedAt, job.Outcome, "/analytics/recompute/" + job.Id, job.SessionsRead);
}
