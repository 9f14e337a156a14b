namespace GymCoach.Profiles.Domain;

/// <summary>The closed sets of values a profile may hold; the app renders its pickers from the same lists.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlySet<string> Units = new HashSet<string>(StringComparer.Ordinal) { "metric", "imperial" };

    public static readonly IReadOnlySet<string> ExperienceLevels = new HashSet<string>(StringComparer.Ordinal)
    {
        "beginner", "intermediate", "advanced",
    };

    public static readonly IReadOnlySet<string> Goals = new HashSet<string>(StringComparer.Ordinal)
    {
        "strength", "hypertrophy", "endurance", "fat-loss", "general-fitness", "mobility", "powerlifting",
        "weightlifting", "athletic-performance", "rehabilitation",
    };

    /// <summary>The shared equipment vocabulary: the exercise library is written in the same one.</summary>
    public static readonly IReadOnlySet<string> Equipment = GymCoach.Fitness.Equipment.All;
}
