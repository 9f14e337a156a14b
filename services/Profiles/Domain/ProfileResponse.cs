using System.Text.Json.Serialization;
using GymCoach.Lambda.Http;

namespace GymCoach.Profiles.Domain;

/// <summary>The profile as the app receives it.</summary>
public sealed class ProfileResponse
{
    public required string UserId { get; init; }

    public required string DisplayName { get; init; }

    public required string Units { get; init; }

    public DateOnly? BirthDate { get; init; }

    public double? HeightCm { get; init; }

    public string? ExperienceLevel { get; init; }

    // Lists, not interfaces: the serializer then walks them by index instead of boxing an enumerator.
    public required List<string> Goals { get; init; }

    public required List<string> Equipment { get; init; }

    public long Version { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset UpdatedAt { get; init; }

    public static ProfileResponse From(Profile profile) => new()
    {
        UserId = profile.UserId,
        DisplayName = profile.DisplayName,
        Units = profile.Units,
        BirthDate = profile.BirthDate,
        HeightCm = profile.HeightCm,
        ExperienceLevel = profile.ExperienceLevel,
        Goals = profile.Goals as List<string> ?? [.. profile.Goals],
        Equipment = profile.Equipment as List<string> ?? [.. profile.Equipment],
        Version = profile.Version,
        CreatedAt = profile.CreatedAt,
        UpdatedAt = profile.UpdatedAt,
    };
}
