namespace GymCoach.Profiles.Domain;

/// <summary>The POST /profiles/me/photos body: what the app is about to upload.</summary>
public sealed class PhotoInput
{
    public string? TakenOn { get; set; }

    public string? ContentType { get; set; }

    public long? SizeBytes { get; set; }
}
