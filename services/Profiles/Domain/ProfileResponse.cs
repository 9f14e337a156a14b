using GymCoach.Lambda.Http;

namespace GymCoach.Profiles.Domain;

/// <summary>The profile as the app receives it.</summary>
public sealed class ProfileResponse
{
    public required string UserId { get; init; }

    public required string DisplayName { get; init; }

    public required string Units { get; init; }

    public string? BirthDate { get; init; }

    public double? HeightCm { get; init; }

    public string? ExperienceLevel { get; init; }

    public required IReadOnlyList<string> Goals { get; init; }

    public required IReadOnlyList<string> Equipment { get; init; }

    public long Version { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }

    public static ProfileResponse From(Profile profile) => new()
    {
        UserId = profile.UserId,
        DisplayName = profile.DisplayName,
        Units = profile.Units,
        BirthDate = profile.BirthDate is { } date ? Timestamps.ToApi(date) : null,
        HeightCm = profile.HeightCm,
        ExperienceLevel = profile.ExperienceLevel,
        Goals = profile.Goals,
        Equipment = profile.Equipment,
        Version = profile.Version,
        CreatedAt = Timestamps.ToApi(profile.CreatedAt),
        UpdatedAt = Timestamps.ToApi(profile.UpdatedAt),
    };
}
