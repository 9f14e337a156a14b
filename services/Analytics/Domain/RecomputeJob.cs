namespace GymCoach.Analytics.Domain;

/// <summary>
/// A request to rebuild every aggregate from the raw items — after a bug fix, or a changed week start. The API
/// inserts it; the stream function (whose filter passes queued jobs) runs it, so it is asynchronous, retried and
/// dead-lettered exactly like the records it competes with, and never concurrent with them for the same user.
/// </summary>
public sealed record RecomputeJob(
    string Id,
    string Status,
    string RequestedAt,
    string? StartedAt,
    string? FinishedAt,
    UpdateOutcome? Outcome)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";

    /// <summary>How long finished jobs are kept (TTL).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>A job queued or running that was requested less than this long ago is answered again instead of queueing another.</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMinutes(15);
}
