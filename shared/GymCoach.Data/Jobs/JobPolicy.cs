namespace GymCoach.Data.Jobs;

/// <summary>
/// How often one account may start a job of one kind. Each job reads the whole account (O(its items)), so an
/// account that starts them back to back would hold the jobs' workers for everyone: a job asked for while one is
/// queued or running is answered with that one; a new one waits <paramref name="Cooldown"/> after the last one
/// that completed, and at most <paramref name="PerDay"/> start in one UTC day.
/// </summary>
/// <param name="Kind">The gate's name in the account's partition (<c>JOBS#{kind}</c>).</param>
/// <param name="What">The job's name in answers ("recompute", "export").</param>
/// <param name="Cooldown">From the completion of the last job that completed (a failed one starts none: its failure is ours).</param>
/// <param name="PerDay">Jobs started in one UTC day.</param>
/// <param name="Stale">A job queued or running that showed no sign of life for this long is presumed lost (dead-lettered): a new one may start.</param>
public sealed record JobPolicy(string Kind, string What, TimeSpan Cooldown, int PerDay, TimeSpan Stale)
{
    /// <summary>Recompute: 10 minutes between rebuilds, 5 a day, a rebuild older than 15 minutes presumed lost.</summary>
    public static readonly JobPolicy Recompute = new("recompute", "recompute", TimeSpan.FromMinutes(10), 5, TimeSpan.FromMinutes(15));

    /// <summary>Export: 10 minutes between exports, 5 a day (a finished export stays downloadable for 7 days), an export older than 15 minutes presumed lost.</summary>
    public static readonly JobPolicy Export = new("export", "export", TimeSpan.FromMinutes(10), 5, TimeSpan.FromMinutes(15));
}
