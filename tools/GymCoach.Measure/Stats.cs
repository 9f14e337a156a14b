namespace GymCoach.Measure;

/// <summary>Percentiles over a sample (nearest-rank); the sample is sorted in place.</summary>
internal static class Stats
{
    public static double Percentile(List<double> sample, double p)
    {
        sample.Sort();
        return sample[(int)Math.Clamp(Math.Ceiling(p * sample.Count) - 1, 0, sample.Count - 1)];
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static double Median(List<double> sample)
    {
        sample.Sort();
        return sample.Count % 2 == 1 ? sample[sample.Count / 2] : (sample[(sample.Count / 2) - 1] + sample[sample.Count / 2]) / 2;
    }
}
