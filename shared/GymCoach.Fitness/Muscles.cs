namespace GymCoach.Fitness;

/// <summary>
/// The muscle groups exercises are tagged with and analytics counts sets against. Coarse on purpose: what a
/// lifter recognises and a weekly volume chart can show, not an anatomy atlas.
/// </summary>
public static class Muscles
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "chest", "upper-back", "lats", "lower-back", "traps", "neck", "front-delts", "side-delts", "rear-delts",
        "biceps", "triceps", "forearms", "abs", "obliques", "glutes", "quads", "hamstrings", "adductors", "abductors",
        "calves", "hip-flexors",
    };
}
