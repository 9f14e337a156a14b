namespace GymCoach.Measure;

/// <summary>Percentiles over a sorted sample (nearest-rank).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
