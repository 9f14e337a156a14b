namespace GymCoach.Profiles.Domain;

/// <summary>
/// A progress photo's record. It is <c>pending</c> from the moment the app is handed an upload URL, and
/// becomes <c>ready</c> the first time it is read after the object exists with the declared type and size.
/// </summary>
public sealed record Photo(
    string Id,
    DateOnly TakenOn,
    string ContentType,
    long SizeBytes,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UploadExpiresAt)
{
    public const string Pending = "pending";
    public const string Ready = "ready";

    /// <summary>What a pending photo whose upload window closed with no object is reported as (its record then expires).</summary>
    public const string Expired = "expired";
}
