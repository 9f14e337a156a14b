namespace GymCoach.Fitness;

/// <summary>
/// The equipment a lifter may have and an exercise may need. Profiles validate a lifter's equipment against it and
/// the exercise library is written in it, so "exercises I can do with my equipment" is a set comparison.
/// </summary>
public static class Equipment
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "barbell", "dumbbell", "kettlebell", "machine", "cable", "bodyweight", "resistance-band", "bench",
        "pull-up-bar", "squat-rack", "smith-machine", "trap-bar", "ez-bar", "medicine-ball", "rower", "bike",
        "treadmill", "dip-station", "plyo-box", "sled",
    };
}
