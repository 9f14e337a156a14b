namespace GymCoach.Analytics.Domain;

/// <summary>
/// A request to rebuild every aggregate from the raw items — after a bug fix, or a changed week start. The API
/// queues it behind the account's job gate (<see cref="GymCoach.Data.Jobs.JobPolicy.Recompute"/>); the stream
/// function's own job mapping runs it in segments (<see cref="RecomputeWorker"/>): each rebuilds pages of digests
/// until shortly before its deadline, records where it stopped and hands over, so a rebuild of any size never
/// holds the mapping that keeps everyone's aggregates current.
/// </summary>
/// <remarks>
/// <c>Segment</c> is bumped by each segment's claim: a save lands only while the segment is still the saver's.
/// <c>Stage</c> is what the next step does (<see cref="Sessions"/>, <see cref="StaleDigests"/>, then
/// <see cref="Aggregates"/>) and <c>Cursor</c> where its next page starts; <c>SessionsRead</c> and
/// <c>DigestsWritten</c> count the work so far; <c>UpdatedAt</c> is when a segment last saved it (the gate's sign of life).
/// </remarks>
public sealed record RecomputeJob(
    string Id,
    string Status,
    string RequestedAt,
    string? StartedAt,
    string? FinishedAt,
    UpdateOutcome? Outcome,
    long Segment = 0,
    string? Stage = null,
    string? Cursor = null,
    int SessionsRead = 0,
    int DigestsWritten = 0,
    string? UpdatedAt = null)
{
    public const string Queued = GymCoach.Data.Jobs.JobItem.Queued;
    public const string Running = GymCoach.Data.Jobs.JobItem.Running;

    /// <summary>Between two segments (stored only: the API says <see cref="Running"/>); the stream filter passes it, which starts the next segment.</summary>
    public const string Continuing = GymCoach.Data.Jobs.JobItem.Continuing;
    public const string Done = "done";

    public const string Sessions = "sessions";
    public const string StaleDigests = "stale-digests";
    public const string Aggregates = "aggregates";

    /// <summary>How long finished jobs are kept (TTL).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Queued, running or between segments.</summary>
    public bool IsActive => Status is Queued or Running or Continuing;
}
