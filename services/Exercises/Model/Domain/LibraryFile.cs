using System.Text.Json;

namespace GymCoach.Exercises.Domain;

/// <summary>The library as written in <c>Library/exercises.json</c>, shipped inside the binary.</summary>
public sealed class LibraryFile
{
    public int Version { get; set; }

    public List<LibraryEntry> Exercises { get; set; } = [];

    /// <summary>The library the binary carries.</summary>
    public static LibraryFile Embedded()
    {
        using var stream = typeof(LibraryFile).Assembly.GetManifestResourceStream("exercises.json")
            ?? throw new InvalidOperationException("The exercise library is not embedded in this binary.");
        return JsonSerializer.Deserialize(stream, ExercisesJsonContext.Default.LibraryFile)
            ?? throw new InvalidDataException("The embedded exercise library is empty.");
    }

    public IReadOnlyList<Exercise> ToExercises() => Exercises.Select(e => e.ToExercise()).ToList();
}

/// <summary>One exercise as the library file states it.</summary>
public sealed class LibraryEntry
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<string> PrimaryMuscles { get; set; } = [];

    public List<string> SecondaryMuscles { get; set; } = [];

    public List<string> Equipment { get; set; } = [];

    public string Category { get; set; } = string.Empty;

    public string Mechanics { get; set; } = string.Empty;

    public string Force { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;

    public List<string> Instructions { get; set; } = [];

    public List<string> MediaKeys { get; set; } = [];

    public Exercise ToExercise() => new(Id, Name, PrimaryMuscles, SecondaryMuscles, Equipment, Category, Mechanics, Force, Level, Instructions, MediaKeys, IsCustom: false);
}
