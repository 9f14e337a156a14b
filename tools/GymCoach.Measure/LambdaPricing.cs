namespace GymCoach.Measure;

/// <summary>
/// Lambda's on-demand prices (us-east-1, first tier), so the table turns measured durations into money:
/// requests plus GB-seconds billed per millisecond, the init of a custom runtime's cold start included.
/// </summary>
internal static class LambdaPricing
{
    public const double X86 = 0.0000166667;
    public const double Arm64 = 0.0000133334;
    public const double PerMillionRequestsFee = 0.20;

    /// <summary>The share of requests that start a new environment, assumed for the cost column.</summary>
    public const double ColdShare = 0.01;

    public static double PerMillionRequests(int memoryMb, double warmMeanMs, double coldMs, double pricePerGbSecond)
    {
        var gb = memoryMb / 1024.0;
        var warm = (1 - ColdShare) * Math.Ceiling(warmMeanMs) / 1000 * gb * pricePerGbSecond;
        var cold = ColdShare * Math.Ceiling(coldMs) / 1000 * gb * pricePerGbSecond;
        return PerMillionRequestsFee + (1_000_000 * (warm + cold));
    }
}
