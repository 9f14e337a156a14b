using GymCoach.Analytics.Domain;

namespace GymCoach.Analytics.Data.Stored;

/// <summary>What a rebuild wrote, as its job item keeps it (the API's <see cref="UpdateOutcome"/> is mapped from it).</summary>
internal sealed record StoredOutcome(int Sessions, int DigestsWritten, int Weeks, int Records, int AchievementsAwarded, long DataVersion)
{
    public static StoredOutcome From(UpdateOutcome o) => new(o.Sessions, o.DigestsWritten, o.Weeks, o.Records, o.AchievementsAwarded, o.DataVersion);

    public UpdateOutcome ToDomain() => new(Sessions, DigestsWritten, Weeks, Records, AchievementsAwarded, DataVersion);
}

/// <summary>A recompute job as its item keeps it (<c>ANALYTICS#JOB#id</c>, the <c>data</c> attribute), apart from the API's job response.</summary>
internal sealed record StoredRecomputeJob(
    string Id,
    string Status,
    string RequestedAt,
    string? StartedAt,
    string? FinishedAt,
    StoredOutcome? Outcome,
    long Segment,
    string? Stage,
    string? Cursor,
    int SessionsRead,
    int DigestsWritten,
    string? UpdatedAt)
{
    public static StoredRecomputeJob From(RecomputeJob j) =>
        new(j.Id, j.Status, j.RequestedAt, j.StartedAt, j.FinishedAt, j.Outcome is { } o ? StoredOutcome.From(o) : null, j.Segment, j.Stage, j.Cursor, j.SessionsRead, j.DigestsWritten, j.UpdatedAt);

    public RecomputeJob ToDomain() =>
        new(Id, Status, RequestedAt, StartedAt, FinishedAt, Outcome?.ToDomain(), Segment, Stage, Cursor, SessionsRead, DigestsWritten, UpdatedAt);
}
