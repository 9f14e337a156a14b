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
    }

    /// <summary>Each exercise's name folded into search words, once per load rather than per request.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> NameWords { get; }

    public IReadOnlyList<Exercise> Ordered { get; }

    public IReadOnlyDictionary<string, Exercise> ById { get; }

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
