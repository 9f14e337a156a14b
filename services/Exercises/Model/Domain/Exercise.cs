namespace GymCoach.Exercises.Domain;

/// <summary>An exercise of the library (or, later, a lifter's own). Vocabulary values are the shared ones in GymCoach.Fitness.</summary>
public sealed record Exercise(
    string Id,
    string Name,
    IReadOnlyList<string> PrimaryMuscles,
    IReadOnlyList<string> SecondaryMuscles,
    IReadOnlyList<string> Equipment,
    string Category,
    string Mechanics,
    string Force,
    string Level,
    IReadOnlyList<string> Instructions,
    IReadOnlyList<string> MediaKeys,
    bool IsCustom,
    bool Retired = false,
    long Version = 0);
