namespace GymCoach.Data.Jobs;

/// <summary>What the gate needs to know of a job: whether it still runs, and when it completed (null if it did not, or failed).</summary>
public sealed record JobSnapshot(string Id, DateTimeOffset RequestedAt, bool Active, DateTimeOffset? CompletedAt);
