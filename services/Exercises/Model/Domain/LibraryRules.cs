using System.Text.RegularExpressions;
using GymCoach.Fitness;

namespace GymCoach.Exercises.Domain;

/// <summary>What makes the library file valid: checked by a test on every build and by the seeder before it writes.</summary>
public static partial class LibraryRules
{
    public const int MinimumSize = 150;

    /// <summary>Every problem of <paramref name="library"/>, as sentences naming the entry; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(LibraryFile library)
    {
        var problems = new List<string>();
        if (library.Exercises.Count < MinimumSize)
        {
            problems.Add($"The library has {library.Exercises.Count} exercises; it needs at least {MinimumSize}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in library.Exercises)
        {
            var at = string.IsNullOrEmpty(e.Id) ? "(no id)" : e.Id;
            if (e.Id.StartsWith(ExerciseService.CustomIdPrefix, StringComparison.Ordinal))
            {
                problems.Add($"{at}: ids starting '{ExerciseService.CustomIdPrefix}' belong to lifters' own exercises.");
            }

            if (!Slug().IsMatch(e.Id))
            {
                problems.Add($"{at}: the id must be a kebab-case slug.");
            }

            if (!ids.Add(e.Id))
            {
                problems.Add($"{at}: the id is used twice.");
            }

            if (string.IsNullOrWhiteSpace(e.Name) || !names.Add(e.Name.Trim()))
            {
                problems.Add($"{at}: the name is empty or used twice (names are compared case-insensitively).");
            }

            if (e.PrimaryMuscles.Count == 0)
            {
                problems.Add($"{at}: no primary muscle.");
            }

            Unknown(at, "muscle", e.PrimaryMuscles.Concat(e.SecondaryMuscles), Muscles.All, problems);
            if (e.Equipment.Count == 0)
            {
                problems.Add($"{at}: no equipment (use 'bodyweight').");
            }

            Unknown(at, "equipment", e.Equipment, Fitness.Equipment.All, problems);
            Unknown(at, "category", [e.Category], ExerciseTraits.Categories, problems);
            Unknown(at, "mechanics", [e.Mechanics], ExerciseTraits.Mechanics, problems);
            Unknown(at, "force", [e.Force], ExerciseTraits.Forces, problems);
            Unknown(at, "level", [e.Level], ExerciseTraits.Levels, problems);
            if (e.MediaKeys.Any(k => !k.StartsWith($"exercises/{e.Id}/", StringComparison.Ordinal) || k.Contains("..", StringComparison.Ordinal)))
            {
                problems.Add($"{at}: media keys must lie under exercises/{e.Id}/ in the media bucket.");
            }

            if (e.Instructions.Count == 0 || e.Instructions.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{at}: instructions are missing or have an empty step.");
            }
        }

        return problems;
    }

    private static void Unknown(string at, string what, IEnumerable<string> values, IReadOnlySet<string> known, List<string> problems)
    {
        foreach (var value in values.Where(v => !known.Contains(v)))
        {
            problems.Add($"{at}: unknown {what} '{value}'.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
