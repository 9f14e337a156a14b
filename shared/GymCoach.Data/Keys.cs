using System.Globalization;

namespace GymCoach.Data;

/// <summary>
/// Every partition and sort key of the single table is built here and nowhere else, so the access patterns
/// of all four services can be read in one file and no two entities can collide.
/// </summary>
/// <remarks>
/// Layout: everything a user owns lives in partition <c>USER#{sub}</c>, which is what makes "only your own
/// data" a property of the key rather than of a filter. Shared reference data (the exercise library) lives in
/// its own partitions.
/// </remarks>
public static class Keys
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string Gsi1PartitionKey = "GSI1PK";
    public const string Gsi1SortKey = "GSI1SK";
    public const string Gsi1Name = "GSI1";
    public const string TimeToLive = "ttl";
    public const string Version = "version";
    public const string EntityType = "entity";

    public const string ProfileSortKey = "PROFILE";
    public const string MeasurementPrefix = "MEASUREMENT#";
    public const string IdempotencyPrefix = "IDEMPOTENCY#";

    /// <summary>The partition holding everything one user owns.</summary>
    public static string User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return "USER#" + userId;
    }

    /// <summary>Whether <paramref name="partition"/> is a user's partition (not the library's, not the priming key).</summary>
    public static bool IsUserPartition(string partition) =>
        partition.Length > UserPartitionPrefix.Length && partition.StartsWith(UserPartitionPrefix, StringComparison.Ordinal);

    internal const string UserPartitionPrefix = "USER#";

    /// <summary>Every user's partition, as an IAM <c>dynamodb:LeadingKeys</c> pattern.</summary>
    public const string AnyUserPartition = UserPartitionPrefix + "*";

    /// <summary>The library's partitions (its items and facet index partitions), as a <c>LeadingKeys</c> pattern.</summary>
    public const string AnyLibraryPartition = "LIBRARY#*";

    /// <summary>Every account's rate-limit partition, as a <c>LeadingKeys</c> pattern.</summary>
    public const string AnyRateLimitPartition = "LIMIT#*";

    /// <summary>
    /// The partition of one user's request-rate windows: beside the user's own partition, not in it, because a
    /// request refused while the account is being deleted still counts against the limit, and nothing written for
    /// it may land among the account's items the deletion sweeps. Its items hold counts only and expire by TTL.
    /// </summary>
    public static string RateLimits(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return "LIMIT#" + userId;
    }

    /// <summary>One window of one route class's count, e.g. <c>write#178263</c> (windows since the epoch).</summary>
    public static string RateWindow(string routeClass, long window) =>
        string.Concat(routeClass, "#", window.ToString(CultureInfo.InvariantCulture));

    /// <summary>The counter of one capped collection of a user (see <c>CollectionCap</c>).</summary>
    public static string Count(string collection) => "COUNT#" + collection;

    /// <summary>The gate of one kind of job of a user (see <c>JobGate</c>): the job running, the day's count, the last completion.</summary>
    public static string JobGate(string kind) => "JOBS#" + kind;

    /// <summary>
    /// The newest measurement with a weight (by its key: date, then creation), copied beside the measurements when
    /// it is written: "latest weight" is then one GetItem, however many weightless measurements came after it.
    /// </summary>
    public const string LatestWeight = "BODYWEIGHT";

    /// <summary>A body measurement, ordered by date then creation time (ids are time-sortable).</summary>
    public static string Measurement(DateOnly date, string measurementId) =>
        string.Concat(MeasurementPrefix, Date(date), "#", measurementId);

    /// <summary>Lowest sort key of measurements on or after <paramref name="date"/>.</summary>
    public static string MeasurementFrom(DateOnly date) => string.Concat(MeasurementPrefix, Date(date), "#");

    /// <summary>Highest sort key of measurements on or before <paramref name="date"/> ('$' sorts after '#').</summary>
    public static string MeasurementTo(DateOnly date) => string.Concat(MeasurementPrefix, Date(date), "$");

    /// <summary>
    /// The key init reads to open the connection: inside the <c>USER#*</c> leading-keys grant every function
    /// has, and in a partition no subject can own (an empty subject is refused), so it never holds an item.
    /// </summary>
    public const string PrimingPartition = "USER#";

    public const string PrimingSortKey = "PRIME";

    /// <summary>The exercise library's partition: shared reference data, written only by the seeder.</summary>
    public const string ExerciseLibrary = "LIBRARY#EXERCISES";

    public const string ExercisePrefix = "EXERCISE#";

    public const string ExerciseFacetPrefix = "FACET#";

    /// <summary>Ids of lifters' own exercises start with this (the library's rules refuse it), and live in the lifter's partition.</summary>
    public const string CustomExercisePrefix = "custom-";

    /// <summary>Whether <paramref name="exerciseId"/> names a lifter's own exercise rather than a library one.</summary>
    public static bool IsCustomExercise(string exerciseId) => exerciseId.StartsWith(CustomExercisePrefix, StringComparison.Ordinal);

    /// <summary>The partition an exercise lives in: the lifter's own for theirs, the library's otherwise.</summary>
    public static string ExercisePartition(string userId, string exerciseId) => IsCustomExercise(exerciseId) ? User(userId) : ExerciseLibrary;

    /// <summary>A library exercise (in <see cref="ExerciseLibrary"/>).</summary>
    public static string Exercise(string exerciseId) => ExercisePrefix + exerciseId;

    /// <summary>
    /// A library exercise's entry under one facet (a muscle it works, a piece of equipment it needs): an item in
    /// the library partition whose GSI1 key is the facet, so "every chest exercise" is one Query of GSI1.
    /// </summary>
    public static string ExerciseFacet(string facet, string value, string exerciseId) =>
        string.Concat(ExerciseFacetPrefix, facet, "#", value, "#", exerciseId);

    /// <summary>The GSI1 partition of one facet value, e.g. <c>LIBRARY#MUSCLE#chest</c>.</summary>
    public static string ExerciseFacetIndex(string facet, string value) => string.Concat("LIBRARY#", facet, "#", value);

    public const string PlanPrefix = "PLAN#";
    public const string SchedulePrefix = "SCHEDULE#";
    public const string SessionPrefix = "SESSION#";
    public const string ActiveSessionPrefix = "ACTIVE#";
    public const string SetInfix = "#SET#";

    /// <summary>A workout plan (template), ordered by creation (ids are time-sortable).</summary>
    public static string Plan(string planId) => PlanPrefix + planId;

    /// <summary>A scheduled workout: its id is a ULID whose time is the scheduled day, so a date range is one Query.</summary>
    public static string Schedule(string scheduleId) => SchedulePrefix + scheduleId;

    /// <summary>
    /// A logged workout session. Its sets sort right after it (<see cref="Set"/>), so the session and every set
    /// of it are one item collection: one Query with <c>begins_with(SK, SESSION#id)</c>.
    /// </summary>
    public static string Session(string sessionId) => SessionPrefix + sessionId;

    /// <summary>One set logged in a session.</summary>
    public static string Set(string sessionId, string setId) => string.Concat(SessionPrefix, sessionId, SetInfix, setId);

    /// <summary>Marks a session in progress; the newest marker is "the active session" an app reopens to.</summary>
    public static string ActiveSession(string sessionId) => ActiveSessionPrefix + sessionId;

    /// <summary>GSI1 partition of one user's sessions (history, newest first, without their sets).</summary>
    public static string SessionHistoryIndex(string userId) => User(userId) + "#SESSIONS";

    /// <summary>
    /// A session's place in <see cref="SessionHistoryIndex"/>: ordered by when it started. A session the server
    /// started has a ULID made at its start, which is its own key (as stored since the first release); any other
    /// (a device's UUID, a ULID made earlier, a past workout uploaded whole) is keyed by the time part of a ULID of
    /// its start followed by <c>1</c> and its id, which sorts among the server's ULIDs by start time and stays
    /// within a day's <see cref="Ulid.Lowest"/>…<see cref="Ulid.Highest"/> range.
    /// </summary>
    public static string SessionHistorySort(DateTimeOffset startedAt, string sessionId)
    {
        var time = Ulid.Lowest(startedAt).AsSpan(0, 10);
        return Ulid.IsValid(sessionId) && sessionId.AsSpan(0, 10).SequenceEqual(time) ? sessionId : string.Concat(time, "1", sessionId);
    }

    /// <summary>
    /// GSI1 partition of every set one user logged of one exercise ("every squat I ever did"), sorted by
    /// <see cref="ExerciseSetIndexSort"/>: the per-exercise history is one Query.
    /// </summary>
    public static string ExerciseSetIndex(string userId, string exerciseId) => string.Concat(User(userId), "#EXERCISE#", exerciseId);

    /// <summary>GSI1 sort key of a set in its exercise's history: when it was logged, then its id.</summary>
    public static string ExerciseSetIndexSort(string loggedAt, string setId) => string.Concat(loggedAt, "#", setId);

    /// <summary>An idempotency record for one user's key on one route.</summary>
    public static string Idempotency(string scope, string key) => string.Concat(IdempotencyPrefix, scope, "#", key);

    /// <summary>Everything Analytics derives lives under this prefix in the user's partition; its stream filter skips it.</summary>
    public const string AnalyticsPrefix = "ANALYTICS#";

    /// <summary>The user's aggregate summary: totals, streak, recent weeks, recent records, newest achievements, the data version.</summary>
    public const string AnalyticsSummary = AnalyticsPrefix + "SUMMARY";

    public const string AnalyticsSessionPrefix = AnalyticsPrefix + "SESSION#";
    public const string AnalyticsWeekPrefix = AnalyticsPrefix + "WEEK#";
    public const string AnalyticsRecordPrefix = AnalyticsPrefix + "RECORD#";
    public const string AnalyticsAchievementPrefix = AnalyticsPrefix + "ACHIEVEMENT#";
    public const string AnalyticsCachePrefix = AnalyticsPrefix + "CACHE#";
    public const string AnalyticsJobPrefix = AnalyticsPrefix + "JOB#";

    /// <summary>What Analytics keeps of one completed session (its id is time-sortable, so a date range is one Query).</summary>
    public static string AnalyticsSession(string sessionId) => AnalyticsSessionPrefix + sessionId;

    /// <summary>One week's statistics, by the date the week starts on (the user's week start).</summary>
    public static string AnalyticsWeek(DateOnly weekStart) => AnalyticsWeekPrefix + Date(weekStart);

    /// <summary>The user's personal records on one exercise.</summary>
    public static string AnalyticsRecord(string exerciseId) => AnalyticsRecordPrefix + exerciseId;

    /// <summary>An achievement the user earned: one item per code, written only if absent, so it is never awarded twice.</summary>
    public static string AnalyticsAchievement(string code) => AnalyticsAchievementPrefix + code;

    /// <summary>A computed series kept as the second cache tier (with a TTL), named by its parameters.</summary>
    public static string AnalyticsCache(string name) => AnalyticsCachePrefix + name;

    /// <summary>A recompute request: inserted by the API, run by the stream function.</summary>
    public static string AnalyticsJob(string jobId) => AnalyticsJobPrefix + jobId;

    /// <summary>The user's preferences (week start, …): one item beside the profile.</summary>
    public const string PreferencesSortKey = "PREFERENCES";

    public const string PhotoPrefix = "PHOTO#";

    /// <summary>A progress photo's record, ordered by the day it was taken, then by its id.</summary>
    public static string Photo(DateOnly takenOn, string photoId) => string.Concat(PhotoPrefix, Date(takenOn), "#", photoId);

    /// <summary>Lowest sort key of photos taken on or after <paramref name="date"/>.</summary>
    public static string PhotoFrom(DateOnly date) => string.Concat(PhotoPrefix, Date(date), "#");

    /// <summary>Highest sort key of photos taken on or before <paramref name="date"/> ('$' sorts after '#').</summary>
    public static string PhotoTo(DateOnly date) => string.Concat(PhotoPrefix, Date(date), "$");

    public const string ExportPrefix = "EXPORT#";

    /// <summary>A data export job: inserted by the API, run (and resumed) by the Profiles jobs function.</summary>
    public static string Export(string exportId) => ExportPrefix + exportId;

    /// <summary>
    /// The user's account deletion while it runs: one per user, so a repeated request finds the running one. It
    /// is the last item of the partition to go, and while it exists Analytics writes nothing for the user.
    /// </summary>
    public const string AccountDeletion = "DELETION";

    /// <summary>A lifter's change log head: the sequence of the newest change the sync log holds (GET /sync reads it first).</summary>
    public const string SyncHead = "SYNC";

    /// <summary>Entries of the change log, one per changed item, in commit order by a dense sequence.</summary>
    public const string SyncLogPrefix = "SYNC#";

    /// <summary>Sorts after the head and every entry of the change log (<c>$</c> follows <c>#</c>): where a read of the partition skips past it.</summary>
    public const string SyncLogEnd = "SYNC$";

    /// <summary>The log entry at <paramref name="sequence"/>: zero-padded so key order is sequence order.</summary>
    public static string SyncLog(long sequence) => SyncLogPrefix + sequence.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
