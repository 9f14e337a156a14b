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
    DateTimeOffset UpdatedAt)
{
    /// <summary>The lifter's IANA time zone: the calendar their days, weeks and streaks are counted in.</summary>
    public string TimeZone { get; init; } = GymCoach.Data.Calendar.LocalCalendar.DefaultZone;
}
