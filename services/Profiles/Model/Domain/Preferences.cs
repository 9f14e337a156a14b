namespace GymCoach.Profiles.Domain;

/// <summary>Which notifications the app may send.</summary>
public sealed record NotificationPreferences(bool WorkoutReminders, bool RestTimer, bool WeeklySummary, bool Achievements);

/// <summary>
/// How the lifter wants the app to behave. Every lifter has preferences: until the first PUT they are
/// <see cref="Defaults"/> (version 0, nothing stored), so the app never has to special-case a new account.
/// </summary>
public sealed record Preferences(
    string WeekStartDay,
    int DefaultRestSeconds,
    double IncrementKg,
    double IncrementLb,
    NotificationPreferences Notifications,
    string PhotoPrivacy,
    long Version,
    DateTimeOffset? UpdatedAt)
{
    public static readonly Preferences Defaults = new("monday", 90, 2.5, 5, new NotificationPreferences(true, true, true, true), "private", 0, null);

    public bool IsDefault => Version == 0;
}
