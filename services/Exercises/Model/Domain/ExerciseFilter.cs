namespace GymCoach.Exercises.Domain;

/// <summary>What a list asks for; every part optional, all parts combine.</summary>
public sealed record ExerciseFilter(string? Muscle, string? Equipment, string? Category, string? Query = null)
{
    private readonly IReadOnlyList<string> _queryWords = Query is null ? [] : NameSearch.Words(Query);

    public bool Matches(Exercise e, IReadOnlyList<string> nameWords) =>
        !e.Retired
        && (Muscle is null || e.PrimaryMuscles.Contains(Muscle) || e.SecondaryMuscles.Contains(Muscle))
        && (Equipment is null || e.Equipment.Contains(Equipment))
        && (Category is null || e.Category == Category)
        && NameSearch.Matches(_queryWords, nameWords);

    /// <summary>What a cursor is bound to: a page token only continues the same filter.</summary>
    public string Binding => string.Join('|', "exercises", Muscle, Equipment, Category, string.Join(' ', _queryWords));
}
