using GymCoach.Data.Contracts;

namespace GymCoach.Data.Caching;

/// <summary>
/// Capacity, byte budget and time-to-live of one entity's cache. The TTL is also the bound on cross-instance
/// staleness: a write on one Lambda instance invalidates only that instance's cache, so another instance may
/// serve the old value for at most this long. The byte budget bounds what the entries weigh together (coldest
/// ones go first when it is passed); an entry heavier than a quarter of it is not cached at all. Each entity's
/// choice is written next to its settings.
/// </summary>
public sealed record CacheSettings(string Entity, int Capacity, TimeSpan TimeToLive, long MaxBytes = CacheSettings.DefaultMaxBytes)
{
    /// <summary>16 MiB: far below any function's memory, room for thousands of typical entries.</summary>
    public const long DefaultMaxBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Profiles: read on most screens, changed rarely and by one person. 30 s of staleness on another instance
    /// is invisible to that person in practice; writes stay safe because PUT is conditional on the stored version.
    /// </summary>
    public static readonly CacheSettings Profile = new(EntityTypes.Profile, 2_000, TimeSpan.FromSeconds(30));

    /// <summary>The curated exercise library: changes only with a deploy, so 10 minutes is safe.</summary>
    public static readonly CacheSettings ExerciseLibrary = new("ExerciseLibrary", 1_000, TimeSpan.FromMinutes(10), 32L * 1024 * 1024);

    /// <summary>
    /// A lifter's own exercises, per user: replaced on that user's writes in this instance; another instance may
    /// answer a list up to this long with the previous set (single-item reads and writes go to DynamoDB).
    /// </summary>
    /// <remarks>A list is up to 500 exercises (the cap): 32 MiB holds a few hundred lifters' lists of typical size.</remarks>
    public static readonly CacheSettings CustomExercises = new("CustomExercises", 5_000, TimeSpan.FromSeconds(30), 32L * 1024 * 1024);

    /// <summary>
    /// Exercise ids a lifter's plans and sets have been checked to reference (library or their own): only
    /// existence is cached, so the check costs no request while warm. A custom exercise deleted on another
    /// instance may still be accepted by this one for this long; its sets then keep their id, as after any delete.
    /// </summary>
    public static readonly CacheSettings KnownExercises = new("KnownExercises", 20_000, TimeSpan.FromMinutes(10));
}
