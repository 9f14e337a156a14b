using GymCoach.Exercises.Data;

namespace GymCoach.Exercises.Domain;

/// <summary>The library loaded once: in a stable order (name, then id) and by id.</summary>
public sealed class LibraryCatalog
{
    public LibraryCatalog(IEnumerable<Exercise> exercises)
    {
        Ordered = exercises.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        ById = Ordered.ToDictionary(e => e.Id, StringComparer.Ordinal);
        NameWords = Ordered.ToDictionary(e => e.Id, e => NameSearch.Words(e.Name), StringComparer.Ordinal);
        EstimatedBytes = Ordered.Sum(Weigh);
    }

    /// <summary>What the catalog takes in memory, roughly (its strings twice: the exercise and its indexes), for the cache's byte budget.</summary>
    public long EstimatedBytes { get; }

    /// <summary>Each exercise's name folded into search words, once per load rather than per request.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> NameWords { get; }

    public IReadOnlyList<Exercise> Ordered { get; }

    public IReadOnlyDictionary<string, Exercise> ById { get; }

    private static long Weigh(Exercise e)
    {
        long chars = e.Id.Length + e.Name.Length + e.Category.Length + e.Mechanics.Length + e.Force.Length + e.Level.Length;
        foreach (var list in new[] { e.PrimaryMuscles, e.SecondaryMuscles, e.Equipment, e.Instructions, e.MediaKeys })
        {
            foreach (var text in list)
            {
                chars += text.Length + 24;
            }
        }

        return 2 * (2 * chars) + 256;
    }

    /// <summary>The order every list uses, so pages never overlap or skip.</summary>
    public static IComparer<Exercise> Order { get; } = Comparer<Exercise>.Create((a, b) =>
    {
        var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        return byName != 0 ? byName : StringComparer.Ordinal.Compare(a.Id, b.Id);
    });

    internal static string FacetOf(ExerciseFilter filter, out string value)
    {
        if (filter.Muscle is { } muscle)
        {
            value = muscle;
            return ExerciseMapper.MuscleFacet;
        }

        value = filter.Equipment!;
        return ExerciseMapper.EquipmentFacet;
    }
}
