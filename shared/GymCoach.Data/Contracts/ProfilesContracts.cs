namespace GymCoach.Data.Contracts;

/// <summary>The profile as Profiles stores it (<c>PROFILE</c>), with the attributes other services read (the dashboard greets the lifter in their units).</summary>
public static class ProfileContract
{
    public const string Entity = EntityTypes.Profile;

    /// <summary>The units of a profile that stores none.</summary>
    public const string DefaultUnits = "metric";

    public const string DisplayName = "displayName";
    public const string Units = "units";

    /// <summary>The lifter's IANA time zone (absent: <see cref="Calendar.LocalCalendar.DefaultZone"/>): the calendar Analytics counts days, weeks and streaks in, and list queries read their days in.</summary>
    public const string TimeZone = "timeZone";
}

/// <summary>A body measurement as Profiles stores it (<c>MEASUREMENT#date#id</c>), with the attributes Analytics reads for bodyweight.</summary>
public static class MeasurementContract
{
    public const string Entity = EntityTypes.Measurement;

    public const string Date = "date";
    public const string WeightKg = "weightKg";
    public const string BodyFatPct = "bodyFatPct";
}
