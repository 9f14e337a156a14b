namespace GymCoach.Data.Contracts;

/// <summary>
/// Every item type of the single table, by the service that writes it: the value of each item's <c>entity</c>
/// attribute, which stream filters, readers in other services, the export and the coming sync match on. They are
/// written here and nowhere else (a test fails on any of these strings elsewhere), so a reader can never drift
/// from its writer by a typo, and a rename is one edit that every reader sees.
/// </summary>
public static class EntityTypes
{
    // Profiles
    public const string Profile = "Profile";
    public const string Preferences = "Preferences";
    public const string Measurement = "Measurement";
    public const string Photo = "Photo";
    public const string ExportJob = "ExportJob";
    public const string AccountDeletion = "AccountDeletion";

    // Workouts
    public const string WorkoutPlan = "WorkoutPlan";
    public const string ScheduledWorkout = "ScheduledWorkout";
    public const string WorkoutSession = "WorkoutSession";
    public const string ActiveSession = "ActiveSession";
    public const string WorkoutSet = "WorkoutSet";

    // Exercises
    public const string LibraryExercise = "LibraryExercise";
    public const string LibraryExerciseFacet = "LibraryExerciseFacet";
    public const string CustomExercise = "CustomExercise";

    // Analytics (derived: rebuilt from the items above)
    public const string AnalyticsSession = "AnalyticsSession";
    public const string AnalyticsWeek = "AnalyticsWeek";
    public const string AnalyticsRecord = "AnalyticsRecord";
    public const string AnalyticsAchievement = "AnalyticsAchievement";
    public const string AnalyticsSummary = "AnalyticsSummary";
    public const string AnalyticsCache = "AnalyticsCache";
    public const string AnalyticsJob = "AnalyticsJob";

    // The platform (shared/GymCoach.Data)
    public const string JobGate = "JobGate";
    public const string Idempotency = "Idempotency";

    // Sync (the change log GET /sync reads)
    public const string SyncHead = "SyncHead";
    public const string SyncLogEntry = "SyncLogEntry";

    /// <summary>All of them, for the test that keeps their strings here.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Profile, Preferences, Measurement, Photo, ExportJob, AccountDeletion,
        WorkoutPlan, ScheduledWorkout, WorkoutSession, ActiveSession, WorkoutSet,
        LibraryExercise, LibraryExerciseFacet, CustomExercise,
        AnalyticsSession, AnalyticsWeek, AnalyticsRecord, AnalyticsAchievement, AnalyticsSummary, AnalyticsCache, AnalyticsJob,
        JobGate, Idempotency,
        SyncHead, SyncLogEntry,
    ];
}
