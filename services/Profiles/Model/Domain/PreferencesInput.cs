namespace GymCoach.Profiles.Domain;

/// <summary>
/// The PUT /profiles/me/preferences body as sent. A PUT replaces the preferences: a field left out takes its
/// default. Everything is nullable so that validation, not the deserializer, names every bad field.
/// </summary>
public sealed class PreferencesInput
{
    public string? WeekStartDay { get; set; }

    public int? DefaultRestSeconds { get; set; }

    public WeightIncrementInput? WeightIncrement { get; set; }

    public NotificationsInput? Notifications { get; set; }

    public string? PhotoPrivacy { get; set; }
}

/// <summary>The smallest weight step the app offers, per unit system (plates differ: 1.25 kg vs 2.5 lb).</summary>
public sealed class WeightIncrementInput
{
    public double? Kg { get; set; }

    public double? Lb { get; set; }
}

/// <summary>Notification switches; one left out keeps its default (on).</summary>
public sealed class NotificationsInput
{
    public bool? WorkoutReminders { get; set; }

    public bool? RestTimer { get; set; }

    public bool? WeeklySummary { get; set; }

    public bool? Achievements { get; set; }
}
