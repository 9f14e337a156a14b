namespace GymCoach.Analytics.Domain;

/// <summary>
/// Weeks as the user counts them: each starts on the user's week-start day (Monday unless their preferences say
/// otherwise). Days are the lifter's local days (<see cref="GymCoach.Data.Calendar.LocalCalendar"/>): a session's own stated
/// offset's, else the profile's time zone's.
/// </summary>
public static class WeekCalendar
{
    public const string DefaultStartDay = "monday";

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>The start day named in preferences; the default for anything else (preferences are validated where written).</summary>
    public static DayOfWeek Parse(string? day)
    {
        var index = Array.IndexOf(DayNames, day?.ToLowerInvariant() ?? DefaultStartDay);
        return (DayOfWeek)(index < 0 ? 1 : index);
    }

    public static IReadOnlyList<string> Days => DayNames;

    public static string Name(DayOfWeek day) => DayNames[(int)day];

    public static DateOnly WeekOf(DateOnly day, DayOfWeek start) => day.AddDays(-(((int)day.DayOfWeek - (int)start + 7) % 7));
}
