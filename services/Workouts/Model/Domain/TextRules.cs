using GymCoach.Lambda.Errors;

namespace GymCoach.Workouts.Domain;

/// <summary>The checks every free-text and numeric field of the Workouts API shares, each naming its field.</summary>
internal static class TextRules
{
    public const int MaxNameLength = 100;
    public const int MaxNotesLength = 1000;

    /// <summary>A required single-line name, trimmed; null (with an error) when invalid.</summary>
    public static string? Name(string? value, string field, ValidationErrors errors, bool required = true)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                errors.Add(field, "Is required.");
            }

            return null;
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            errors.Add(field, $"Must be 1–{MaxNameLength} characters on one line.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Optional notes (line breaks allowed, other control characters not); empty is absent.</summary>
    public static string? Notes(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > MaxNotesLength || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, $"Must be at most {MaxNotesLength} characters.");
            return null;
        }

        return value.Trim();
    }

    public static void Range(int? value, int min, int max, string field, ValidationErrors errors)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors.Add(field, $"Must be a whole number from {min} to {max}.");
        }
    }

    public static void Range(double? value, double min, double max, string field, ValidationErrors errors)
    {
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v) || v < min || v > max))
        {
            errors.Add(field, $"Must be from {min} to {max}.");
        }
    }

    /// <summary>The shape of an exercise id: a library slug or a custom id (lower-case letters, digits, hyphens).</summary>
    public static bool IsExerciseId(string? id) =>
        id is { Length: > 0 and <= 80 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && id[0] != '-';

    /// <summary>The shape of an id of this service: a ULID it handed out, or a device's own (UUID or ULID) for what it made offline.</summary>
    public static bool IsId(string? id) => GymCoach.Data.ClientIds.IsValid(id);
}
