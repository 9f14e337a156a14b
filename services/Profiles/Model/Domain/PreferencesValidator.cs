using GymCoach.Lambda.Errors;

namespace GymCoach.Profiles.Domain;

/// <summary>Checks a preferences PUT and reports every violation at once; what is left out takes its default.</summary>
public static class PreferencesValidator
{
    public const int MaxRestSeconds = 1800;
    public const double IncrementStep = 0.25;

    public static readonly IReadOnlyList<string> WeekDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Who may see progress photos: only the lifter, or also a coach they connect (a later feature reads it).</summary>
    public static readonly IReadOnlySet<string> PhotoPrivacy = new HashSet<string>(StringComparer.Ordinal) { "private", "coach" };

    public static Preferences Validate(PreferencesInput input)
    {
        var errors = new ValidationErrors();
        var defaults = Preferences.Defaults;

        var weekStart = input.WeekStartDay ?? defaults.WeekStartDay;
        if (!WeekDays.Contains(weekStart))
        {
            errors.Add("weekStartDay", "Must be a lower-case day name, monday to sunday.");
        }

        var rest = input.DefaultRestSeconds ?? defaults.DefaultRestSeconds;
        if (rest is < 0 or > MaxRestSeconds)
        {
            errors.Add("defaultRestSeconds", $"Must be between 0 and {MaxRestSeconds}.");
        }

        var kg = Increment(input.WeightIncrement?.Kg, defaults.IncrementKg, 0.25, 25, "weightIncrement.kg", errors);
        var lb = Increment(input.WeightIncrement?.Lb, defaults.IncrementLb, 0.25, 50, "weightIncrement.lb", errors);

        var privacy = input.PhotoPrivacy ?? defaults.PhotoPrivacy;
        if (!PhotoPrivacy.Contains(privacy))
        {
            errors.Add("photoPrivacy", "Must be 'private' or 'coach'.");
        }

        errors.ThrowIfAny();
        var n = input.Notifications;
        var d = defaults.Notifications;
        var notifications = new NotificationPreferences(
            n?.WorkoutReminders ?? d.WorkoutReminders,
            n?.RestTimer ?? d.RestTimer,
            n?.WeeklySummary ?? d.WeeklySummary,
            n?.Achievements ?? d.Achievements);
        return new Preferences(weekStart, rest, kg, lb, notifications, privacy, 0, null);
    }

    private static double Increment(double? value, double fallback, double min, double max, string field, ValidationErrors errors)
    {
        var increment = value ?? fallback;
        if (double.IsNaN(increment) || increment < min || increment > max || Math.Abs(increment / IncrementStep - Math.Round(increment / IncrementStep)) > 1e-9)
        {
            errors.Add(field, $"Must be a multiple of {IncrementStep} between {min} and {max}.");
        }

        return increment;
    }
}
