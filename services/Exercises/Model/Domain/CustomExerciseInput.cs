namespace GymCoach.Exercises.Domain;

/// <summary>A lifter's own exercise as POSTed or PUT: everything nullable so validation names every bad field.</summary>
public sealed class CustomExerciseInput
{
    /// <summary>
    /// The device's id for an exercise it made offline (UUID or ULID; only on create): the exercise's id is then
    /// <c>custom-</c> and this id in lower case, which a workout uploaded later may name. A resend lands once.
    /// </summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<string?>? PrimaryMuscles { get; set; }

    public List<string?>? SecondaryMuscles { get; set; }

    public List<string?>? Equipment { get; set; }

    public string? Category { get; set; }

    public string? Mechanics { get; set; }

    public string? Force { get; set; }

    public string? Level { get; set; }

    public List<string?>? Instructions { get; set; }
}
