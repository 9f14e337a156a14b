namespace GymCoach.Data.Jobs;

/// <summary>
/// What the gate needs to know of a job: whether it still runs, when it last showed a sign of life (queued, or a
/// step saved) and when it completed (null if it did not, or failed).
/// </summary>
public sealed record JobSnapshot(string Id, DateTimeOffset LastActivity, bool Active, DateTimeOffset? CompletedAt);
