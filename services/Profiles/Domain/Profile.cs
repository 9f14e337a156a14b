namespace GymCoach.Profiles.Domain;

/// <summary>A lifter's profile as stored: canonical units only; <see cref="Units"/> is a display preference.</summary>
public sealed record Profile(
    string UserId,
    string DisplayName,
    string Units,
    DateOnly? BirthDate,
    double? HeightCm,
    string? ExperienceLevel,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Equipment,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
