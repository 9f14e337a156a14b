using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>The preferences as the app receives them; <c>isDefault</c> says nothing was ever stored.</summary>
public sealed class PreferencesResponse
{
    /// <summary>Fields the server sets: a PUT may carry them back as read (they are ignored), not change them.</summary>
    public static readonly IReadOnlySet<string> ServerFields = new HashSet<string>(StringComparer.Ordinal) { "version", "updatedAt", "isDefault" };

    public required string WeekStartDay { get; init; }

    public int DefaultRestSeconds { get; init; }

    public required WeightIncrementResponse WeightIncrement { get; init; }

    public required NotificationsResponse Notifications { get; init; }

    public required string PhotoPrivacy { get; init; }

    public long Version { get; init; }

    public string? UpdatedAt { get; init; }

    public bool IsDefault { get; init; }

    public static PreferencesResponse From(Preferences p) => new()
    {
        WeekStartDay = p.WeekStartDay,
        DefaultRestSeconds = p.DefaultRestSeconds,
        WeightIncrement = new WeightIncrementResponse { Kg = p.IncrementKg, Lb = p.IncrementLb },
        Notifications = new NotificationsResponse
        {
            WorkoutReminders = p.Notifications.WorkoutReminders,
            RestTimer = p.Notifications.RestTimer,
            WeeklySummary = p.Notifications.WeeklySummary,
            Achievements = p.Notifications.Achievements,
        },
        PhotoPrivacy = p.PhotoPrivacy,
        Version = p.Version,
        UpdatedAt = p.UpdatedAt is { } at ? Timestamps.ToApi(at) : null,
        IsDefault = p.IsDefault,
    };
}

public sealed class WeightIncrementResponse
{
    public double Kg { get; init; }

    public double Lb { get; init; }
}

public sealed class NotificationsResponse
{
    public bool WorkoutReminders { get; init; }

    public bool RestTimer { get; init; }

    public bool WeeklySummary { get; init; }

    public bool Achievements { get; init; }
}
