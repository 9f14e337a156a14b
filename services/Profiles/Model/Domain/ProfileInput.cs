namespace GymCoach.Profiles.Domain;

/// <summary>
/// The PUT /profiles/me body as sent. Everything is nullable and strings stay strings so that validation,
/// not the deserializer, decides what is wrong and names every bad field.
/// </summary>
public sealed class ProfileInput
{
    public string? DisplayName { get; set; }

    public string? Units { get; set; }

    public string? BirthDate { get; set; }

    public double? HeightCm { get; set; }

    public string? ExperienceLevel { get; set; }

    public List<string?>? Goals { get; set; }

    public List<string?>? Equipment { get; set; }

    /// <summary>An IANA zone id such as Australia/Sydney; absent keeps the stored one (UTC until set).</summary>
    public string? TimeZone { get; set; }
}
