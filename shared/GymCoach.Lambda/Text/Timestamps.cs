using System.Globalization;

namespace GymCoach.Lambda.Text;

/// <summary>The API's one timestamp format: ISO-8601 UTC with a Z, e.g. <c>2026-11-22T18:04:05Z</c>.</summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-ddTHH:mm:ssZ";
    public const string DateFormat = "yyyy-MM-dd";

    public static string ToApi(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string ToApi(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static readonly string[] InstantFormats = ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>An instant sent by a client: ISO-8601 with seconds and an explicit zone (Z or ±hh:mm), fractions allowed.</summary>
    public static bool TryParse(string? value, out DateTimeOffset instant)
    {
        if (value is { Length: >= 20 and <= 40 } && (value[^1] is 'Z' or 'z' || value[^6] is '+' or '-'))
        {
            return DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out instant);
        }

        instant = default;
        return false;
    }

    /// <summary>Latest UTC offset a device may state (Line Islands, +14:00; the earliest is −12:00, allowed symmetrically).</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>
    /// A time the lifter's device stated, RFC 3339 with its UTC offset kept (<c>2026-12-01T07:05:00+11:00</c>):
    /// the offset is a fact about where the workout happened, which the UTC instant alone loses. Whole seconds.
    /// </summary>
    public static bool TryParseWithOffset(string? value, out DateTimeOffset stated)
    {
        if (value is { Length: >= 20 and <= 40 } && (value[^1] is 'Z' or 'z' || value[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(value, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && parsed.Offset.Duration() <= MaxOffset && parsed.Offset.Seconds == 0)
        {
            stated = new DateTimeOffset(parsed.DateTime.AddTicks(-(parsed.DateTime.Ticks % TimeSpan.TicksPerSecond)), parsed.Offset);
            return true;
        }

        stated = default;
        return false;
    }

    /// <summary>A stated time as the device gave it: <c>2026-12-01T07:05:00+11:00</c> (<c>Z</c> for offset zero).</summary>
    public static string ToApiWithOffset(DateTimeOffset value) => value.Offset == TimeSpan.Zero
        ? ToApi(value)
        : value.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
