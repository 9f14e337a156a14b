namespace GymCoach.Fitness;

/// <summary>The closed vocabularies that describe an exercise besides its muscles and equipment.</summary>
public static class ExerciseTraits
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "strength", "cardio", "mobility", "plyometrics", "conditioning",
    };

    public static readonly IReadOnlySet<string> Mechanics = new HashSet<string>(StringComparer.Ordinal) { "compound", "isolation" };

    public static readonly IReadOnlySet<string> Forces = new HashSet<string>(StringComparer.Ordinal)
    {
        "push", "pull", "squat", "hinge", "static", "carry", "rotation",
    };

    public static readonly IReadOnlySet<string> Levels = new HashSet<string>(StringComparer.Ordinal) { "beginner", "intermediate", "advanced" };
}
