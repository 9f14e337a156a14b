using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>Rules for a body measurement; all violations reported together.</summary>
public static class MeasurementValidator
{
    public const double MinWeightKg = 20;
    public const double MaxWeightKg = 500;
    public const double MinBodyFatPct = 2;
    public const double MaxBodyFatPct = 75;
    public const double MinGirthCm = 10;
    public const double MaxGirthCm = 300;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>Returns the measurement to store, stamped with <paramref name="id"/> and <paramref name="now"/>.</summary>
    public static Measurement Validate(MeasurementInput input, string id, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var date = default(DateOnly);
        if (input.Date is null)
        {
            errors.Add("date", "Is required.");
        }
        else if (!Timestamps.TryParseDate(input.Date, out date))
        {
            errors.Add("date", "Must be a date in the form YYYY-MM-DD.");
        }
        else if (date < EarliestDate || date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            // One day of slack: "today" in the lifter's time zone can be tomorrow in UTC.
            errors.Add("date", "Must not be in the future.");
        }

        Range("weightKg", input.WeightKg, MinWeightKg, MaxWeightKg, errors);
        Range("bodyFatPct", input.BodyFatPct, MinBodyFatPct, MaxBodyFatPct, errors);

        var girths = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in input.Girths?.Present() ?? [])
        {
            if (Range($"girths.{name}", value, MinGirthCm, MaxGirthCm, errors))
            {
                girths[name] = value;
            }
        }

        if (input.WeightKg is null && input.BodyFatPct is null && girths.Count == 0 && !errors.Fields.Any(f => f.StartsWith("girths.", StringComparison.Ordinal)))
        {
            errors.Add("body", "Give at least one of weightKg, bodyFatPct or girths.");
        }

        errors.ThrowIfAny();
        return new Measurement(id, date, input.WeightKg, input.BodyFatPct, girths, now);
    }

    private static bool Range(string field, double? value, double min, double max, ValidationErrors errors)
    {
        if (value is not { } v)
        {
            return false;
        }

        if (double.IsNaN(v) || v < min || v > max)
        {
            errors.Add(field, $"Must be between {min} and {max}.");
            return false;
        }

        return true;
    }
}
