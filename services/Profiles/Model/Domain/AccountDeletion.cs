namespace GymCoach.Profiles.Domain;

/// <summary>
/// An account deletion while it runs (one per user). Phases: <c>items</c> sweeps the partition until a pass
/// finds nothing, and keeps sweeping until <c>SettleUntil</c> (by then nothing that started before the deletion
/// can still write); <c>objects</c> empties the user's S3 prefix; then this item itself goes, last.
/// </summary>
public sealed record AccountDeletion(
    string Id,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset SettleUntil,
    long Segment,
    string Phase,
    long ItemsDeleted,
    long ObjectsDeleted,
    int Passes,
    JobRequests Requests,
    DateTimeOffset UpdatedAt)
{
    /// <summary>A deletion that has not moved for this long is taken to have lost its segment (dead-lettered): a repeated DELETE restarts it.</summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(10);

    public const string ItemsPhase = "items";
    public const string ObjectsPhase = "objects";

    public static AccountDeletion New(string id, DateTimeOffset at, TimeSpan settle) =>
        new(id, ExportJob.Queued, at, at + settle, 0, ItemsPhase, 0, 0, 0, JobRequests.None, at);
}
