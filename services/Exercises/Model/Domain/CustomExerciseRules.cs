using GymCoach.Fitness;
using GymCoach.Lambda.Errors;

namespace GymCoach.Exercises.Domain;

/// <summary>The rules for a lifter's own exercise: the library's vocabulary, bounded sizes, every violation reported at once.</summary>
public static class CustomExerciseRules
{
    public const int MaxName = 80;
    public const int MaxSteps = 20;
    public const int MaxStep = 500;
    public const int MaxListItems = 10;

    public static Exercise Validate(CustomExerciseInput input, string id)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "Is required.");
        }
        else if (name.Length > MaxName || name.Any(char.IsControl))
        {
            errors.Add("name", $"Must be at most {MaxName} characters, without control characters.");
        }

        var primary = List("primaryMuscles", input.PrimaryMuscles, Muscles.All, required: true, errors);
        var secondary = List("secondaryMuscles", input.SecondaryMuscles, Muscles.All, required: false, errors);
        var equipment = List("equipment", input.Equipment, Equipment.All, required: false, errors);
        var category = One("category", input.Category ?? "strength", ExerciseTraits.Categories, errors);
        var mechanics = One("mechanics", input.Mechanics ?? "compound", ExerciseTraits.Mechanics, errors);
        var force = One("force", input.Force ?? "push", ExerciseTraits.Forces, errors);
        var level = One("level", input.Level ?? "beginner", ExerciseTraits.Levels, errors);

        var steps = new List<string>();
        if (input.Instructions is { } instructions)
        {
            if (instructions.Count > MaxSteps)
            {
                errors.Add("instructions", $"Must have at most {MaxSteps} steps.");
            }

            for (var i = 0; i < instructions.Count && i < MaxSteps; i++)
            {
                var step = instructions[i]?.Trim();
                if (string.IsNullOrEmpty(step) || step.Length > MaxStep || step.Any(c => char.IsControl(c) && c != '\n'))
                {
                    errors.Add($"instructions[{i}]", $"Must be 1 to {MaxStep} characters.");
                }
                else
                {
                    steps.Add(step);
                }
            }
        }

        errors.ThrowIfAny();
        return new Exercise(id, name!, primary, secondary, equipment.Count == 0 ? ["bodyweight"] : equipment, category, mechanics, force, level, steps, [], IsCustom: true);
    }

    private static string One(string field, string value, IReadOnlySet<string> known, ValidationErrors errors)
    {
        if (!known.Contains(value))
        {
            errors.Add(field, $"Must be one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }

        return value;
    }

    private static List<string> List(string field, List<string?>? values, IReadOnlySet<string> known, bool required, ValidationErrors errors)
    {
        if (values is null || values.Count == 0)
        {
            if (required)
            {
                errors.Add(field, "Give at least one.");
            }

            return [];
        }

        if (values.Count > MaxListItems)
        {
            errors.Add(field, $"Must have at most {MaxListItems} items.");
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value || !known.Contains(value))
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
