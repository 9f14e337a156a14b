namespace GymCoach.Exercises.Domain;

/// <summary>An exercise's media as presigned links: each works for its object only, until it expires.</summary>
public sealed class MediaResponse
{
    public required List<MediaLink> Items { get; init; }
}

/// <summary>One media object: its key, a GET URL, and when the URL stops working.</summary>
public sealed class MediaLink
{
    public required string Key { get; init; }

    public required string Url { get; init; }

    public required string ExpiresAt { get; init; }
}
