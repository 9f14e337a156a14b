using System.Globalization;

namespace GymCoach.Measure;

/// <summary>One line of the table: a target at a memory size, summarised over its cold starts.</summary>
internal sealed record Row(string Name, string Build, long PackageBytes, int MemoryMb, double ColdMedian, double ColdP90, double InitMedian, double FirstMedian, double WarmP50, double WarmP99, double WarmMean, double PeakRssMb)
{
    public static Row From(Target target, int memory, List<RunSample> samples)
    {
        var warm = samples.SelectMany(s => s.WarmMs).ToList();
        var directory = Path.GetDirectoryName(target.Bootstrap)!;
        return new Row(
            target.Name,
            target.Build,
            ColdStartTable.PackageBytes(directory),
            memory,
            Stats.Median(samples.Select(s => s.ColdMs).ToList()),
            Stats.Percentile(samples.Select(s => s.ColdMs).ToList(), 0.9),
            Stats.Median(samples.Select(s => s.InitMs).ToList()),
            Stats.Median(samples.Select(s => s.FirstInvokeMs).ToList()),
            warm.Count > 0 ? Stats.Percentile(warm, 0.5) : 0,
            warm.Count > 0 ? Stats.Percentile(warm, 0.99) : 0,
            warm.Count > 0 ? warm.Average() : 0,
            samples.Max(s => s.PeakRssKb) / 1024.0);
    }

    public double CostPerMillion(double pricePerGbSecond) => LambdaPricing.PerMillionRequests(MemoryMb, WarmMean, ColdMedian, pricePerGbSecond);

    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Build} | {Size(PackageBytes)} | **{ColdMedian:F1} ms** ({ColdP90:F1}) | {InitMedian:F1} ms | {FirstMedian:F1} ms | {WarmP50:F2} / {WarmP99:F2} ms | {PeakRssMb:F1} MB | ${CostPerMillion(LambdaPricing.Arm64):F2} | ${CostPerMillion(LambdaPricing.X86):F2} |");

    private static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");

    public string Console() => string.Create(CultureInfo.InvariantCulture,
        $"{MemoryMb,5} MB {Name,-10} {Build,-11} cold {ColdMedian,8:F1} ms (p90 {ColdP90:F1}; init {InitMedian:F1}, first {FirstMedian:F1}); warm p50 {WarmP50:F2} p99 {WarmP99:F2} ms; RSS {PeakRssMb:F1} MB; $/M arm64 {CostPerMillion(LambdaPricing.Arm64):F2} x86 {CostPerMillion(LambdaPricing.X86):F2}");
}
