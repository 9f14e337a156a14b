using NodaTime;

namespace GymCoach.Data.Calendar;

/// <summary>
/// The lifter's calendar: which day an instant falls on where they are, and when their day begins. Zones come
/// from the IANA database compiled into NodaTime, not from the machine, so a function behaves the same on
/// Lambda's <c>provided.al2023</c> (which carries no zoneinfo) as on a laptop, and a test's Sydney is the
/// Sydney of the deployed code.
/// </summary>
public static class LocalCalendar
{
    /// <summary>The zone of a lifter who has not said where they are.</summary>
    public const string DefaultZone = "UTC";

    /// <summary>The IANA database version the zones come from (e.g. 2025b), for the record.</summary>
    public static string DatabaseVersion => DateTimeZoneProviders.Tzdb.VersionId;

    /// <summary>Whether <paramref name="id"/> is an IANA zone id (case as the database spells it: Australia/Sydney).</summary>
    public static bool IsZone(string? id) => id == DefaultZone || (id is { Length: > 0 and <= 64 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null);

    /// <summary>
    /// The zone of <paramref name="id"/>; UTC for an unknown one (ids are validated where they are written). UTC, what
    /// most lifters have until they set a zone, is answered without loading the database: a cold start that only
    /// needs UTC's calendar does not pay for reading every zone's rules.
    /// </summary>
    public static DateTimeZone Zone(string? id) =>
        id is null or DefaultZone ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZone.Utc;

    /// <summary>The day <paramref name="instant"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, string? zone)
    {
        var local = Instant.FromDateTimeOffset(instant).InZone(Zone(zone)).Date;
        return new DateOnly(local.Year, local.Month, local.Day);
    }

    /// <summary>
    /// The day a workout belongs to: the date where it happened when the device stated its offset (a workout done
    /// in Tokyo counts on its Tokyo day), otherwise the date in the lifter's zone.
    /// </summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeSpan? statedOffset, string? zone) =>
        statedOffset is { } offset ? DateOnly.FromDateTime(instant.ToOffset(offset).DateTime) : DayOf(instant, zone);

    /// <summary>Days a query may name are bounded here: nothing is stored before 1970, and day arithmetic must not run off the calendar.</summary>
    private static readonly DateOnly FirstDay = new(1970, 1, 1);

    private static readonly DateOnly LastDay = new(9000, 1, 1);

    /// <summary>
    /// The instant <paramref name="day"/> begins in <paramref name="zone"/> (the first valid moment on a day whose
    /// midnight a DST change skips); never before the Unix epoch (ids and keys count from it) nor after the year 9000.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day, string? zone)
    {
        if (day > LastDay)
        {
            day = LastDay;
        }

        var start = day < FirstDay ? DateTimeOffset.UnixEpoch : Zone(zone).AtStartOfDay(new LocalDate(day.Year, day.Month, day.Day)).ToDateTimeOffset().ToUniversalTime();
        return start < DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : start;
    }

    /// <summary>The last second of <paramref name="day"/> in <paramref name="zone"/>: the inclusive end of a range of days (bounded as <see cref="StartOf"/>).</summary>
    public static DateTimeOffset EndOf(DateOnly day, string? zone)
    {
        var start = StartOf(day, zone);
        var end = (day >= LastDay ? start.AddDays(1) : StartOf(day.AddDays(1), zone)).AddSeconds(-1);
        return end < start ? start : end;
    }
}
