using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>Checks a PUT body against the profile's rules and reports every violation at once.</summary>
public static class ProfileValidator
{
    public const int MaxDisplayName = 80;
    public const int MaxListItems = 20;
    public const int MinAge = 13;
    public const int MaxAge = 120;
    public const double MinHeightCm = 50;
    public const double MaxHeightCm = 272;

    public static ProfileFields Validate(ProfileInput input, DateOnly today)
    {
        var errors = new ValidationErrors();

        var displayName = input.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName))
        {
            errors.Add("displayName", "Is required.");
        }
        else if (displayName.Length > MaxDisplayName)
        {
            errors.Add("displayName", $"Must be at most {MaxDisplayName} characters.");
        }
        else if (displayName.Any(char.IsControl))
        {
            errors.Add("displayName", "Must not contain control characters.");
        }

        var units = input.Units ?? "metric";
        if (!Vocabulary.Units.Contains(units))
        {
            errors.Add("units", "Must be 'metric' or 'imperial'.");
        }

        DateOnly? birthDate = null;
        if (input.BirthDate is not null)
        {
            if (!Timestamps.TryParseDate(input.BirthDate, out var date))
            {
                errors.Add("birthDate", "Must be a date in the form YYYY-MM-DD.");
            }
            else if (Age(date, today) is var age && (age < MinAge || age > MaxAge))
            {
                errors.Add("birthDate", $"Age must be between {MinAge} and {MaxAge}.");
            }
            else
            {
                birthDate = date;
            }
        }

        if (input.HeightCm is { } height && (double.IsNaN(height) || height < MinHeightCm || height > MaxHeightCm))
        {
            errors.Add("heightCm", $"Must be between {MinHeightCm} and {MaxHeightCm}.");
        }

        if (input.ExperienceLevel is { } level && !Vocabulary.ExperienceLevels.Contains(level))
        {
            errors.Add("experienceLevel", "Must be 'beginner', 'intermediate' or 'advanced'.");
        }

        var goals = ValidateList("goals", input.Goals, Vocabulary.Goals, errors);
        var equipment = ValidateList("equipment", input.Equipment, Vocabulary.Equipment, errors);

        if (input.TimeZone is not null && !GymCoach.Data.Calendar.LocalCalendar.IsZone(input.TimeZone))
        {
            errors.Add("timeZone", "Must be an IANA time zone id such as Australia/Sydney, America/New_York or UTC.");
        }

        errors.ThrowIfAny();
        return new ProfileFields(displayName!, units, birthDate, input.HeightCm, input.ExperienceLevel, goals, equipment) { TimeZone = input.TimeZone };
    }

    internal static int Age(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        if (today < birthDate.AddYears(age))
        {
            age--;
        }

        return age;
    }

    private static List<string> ValidateList(string field, List<string?>? values, IReadOnlySet<string> known, ValidationErrors errors)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count > MaxListItems)
        {
            errors.Add(field, $"Must have at most {MaxListItems} items.");
            return [];
        }

        var result = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value is null || !known.Contains(value))
            {
                errors.Add($"{field}[{i}]", $"Must be one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
            else if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        return result;
    }
}
