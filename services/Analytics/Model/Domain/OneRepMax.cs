namespace GymCoach.Analytics.Domain;

/// <summary>
/// Estimated one-rep max by <b>Epley</b>: <c>weight × (1 + reps / 30)</c>, and the weight itself for a single.
/// Epley and Brzycki (<c>weight × 36 / (37 − reps)</c>) agree closely up to about ten reps and diverge above it
/// (Brzycki blows up towards 37), and neither predicts well from high-rep sets, so sets of more than
/// <see cref="MaxReps"/> reps give no estimate: they still count for volume and "most reps at a weight".
/// </summary>
public static class OneRepMax
{
    public const int MaxReps = 12;

    public static double? Epley(double weightKg, int reps) =>
        weightKg <= 0 || reps < 1 || reps > MaxReps ? null
        : reps == 1 ? Round(weightKg)
        : Round(weightKg * (1 + (reps / 30.0)));

    public static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
