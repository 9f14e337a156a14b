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

    public static readonly IReadOnlySet<string> Equipment = new HashSet<string>(StringComparer.Ordinal)
    {
        "barbell", "dumbbell", "kettlebell", "machine", "cable", "bodyweight", "resistance-band", "bench",
        "pull-up-bar", "squat-rack", "smith-machine", "trap-bar", "ez-bar", "medicine-ball", "rower", "bike",
        "treadmill", "dip-station", "plyo-box", "sled",
    };
}
