using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>The profile as the app receives it.</summary>
public sealed class ProfileResponse
{
    /// <summary>Fields the server sets: a PUT may carry them back as read (they are ignored), not change them.</summary>
    public static readonly IReadOnlySet<string> ServerFields = new HashSet<string>(StringComparer.Ordinal) { "userId", "version", "createdAt", "updatedAt" };

    public required string UserId { get; init; }

    public required string DisplayName { get; init; }

    public required string Units { get; init; }

    public DateOnly? BirthDate { get; init; }

    public double? HeightCm { get; init; }

    public string? ExperienceLevel { get; init; }

    // Lists, not interfaces, and plain strings for timestamps: the source-generated fast path then serializes
    // without allocating (a custom converter or an interface-typed list would take the slower path).
    public required List<string> Goals { get; init; }

    public required List<string> Equipment { get; init; }

    /// <summary>The lifter's IANA time zone ("UTC" until set): every calendar figure is counted in it.</summary>
    public required string TimeZone { get; init; }

    public long Version { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }

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
        TimeZone = profile.TimeZone,
        Version = profile.Version,
        CreatedAt = Timestamps.ToApi(profile.CreatedAt),
        UpdatedAt = Timestamps.ToApi(profile.UpdatedAt),
    };
}
