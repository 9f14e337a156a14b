namespace GymCoach.Exercises.Domain;

/// <summary>An exercise as the app receives it (library and custom alike).</summary>
public sealed class ExerciseResponse
{
    /// <summary>Fields the server sets: a PUT may carry them back as read (they are ignored).</summary>
    public static readonly IReadOnlySet<string> ServerFields = new HashSet<string>(StringComparer.Ordinal) { "id", "isCustom", "mediaKeys", "retired" };

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required List<string> PrimaryMuscles { get; init; }

    public required List<string> SecondaryMuscles { get; init; }

    public required List<string> Equipment { get; init; }

    public required string Category { get; init; }

    public required string Mechanics { get; init; }

    public required string Force { get; init; }

    public required string Level { get; init; }

    public required List<string> Instructions { get; init; }

    public required bool IsCustom { get; init; }

    public required List<string> MediaKeys { get; init; }

    /// <summary>Present (true) only for an entry removed from the library, still answered by id for old sessions.</summary>
    public bool? Retired { get; init; }

    public static ExerciseResponse From(Exercise e) => new()
    {
        Id = e.Id,
        Name = e.Name,
        PrimaryMuscles = [.. e.PrimaryMuscles],
        SecondaryMuscles = [.. e.SecondaryMuscles],
        Equipment = [.. e.Equipment],
        Category = e.Category,
        Mechanics = e.Mechanics,
        Force = e.Force,
        Level = e.Level,
        Instructions = [.. e.Instructions],
        IsCustom = e.IsCustom,
        MediaKeys = [.. e.MediaKeys],
        Retired = e.Retired ? true : null,
    };
}
