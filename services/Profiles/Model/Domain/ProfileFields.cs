namespace GymCoach.Profiles.Domain;

/// <summary>The validated, normalised content of a PUT: what the repository writes.</summary>
public sealed record ProfileFields(
    string DisplayName,
    string Units,
    DateOnly? BirthDate,
    double? HeightCm,
    string? ExperienceLevel,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Equipment)
{
    /// <summary>The zone to store; null keeps the stored one (an app that predates the field replaces the profile without it).</summary>
    public string? TimeZone { get; init; }
}
