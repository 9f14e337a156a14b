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
}
