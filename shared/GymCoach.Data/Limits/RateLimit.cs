using GymCoach.Lambda.Deployment;

namespace GymCoach.Data.Limits;

/// <summary>At most <paramref name="Requests"/> requests of one account in every <paramref name="Window"/> (windows aligned to the epoch).</summary>
public sealed record RateLimit(int Requests, TimeSpan Window);

/// <summary>
/// The per-account limits by route class. Reads and writes are counted apart, so a phone paging its history
/// cannot starve its own set logging. The defaults leave a lifter's app far below them (a screen is a handful of
/// requests; a set is logged every minute or two) while one token cannot take more than a small, fixed share of
/// the stage's capacity.
/// </summary>
public sealed record RateLimits(RateLimit Reads, RateLimit Writes)
{
    /// <summary>100 reads and 50 writes in every 10 s: 10 and 5 a second sustained, the whole window's worth at once.</summary>
    public static readonly RateLimits Default = new(new RateLimit(100, TimeSpan.FromSeconds(10)), new RateLimit(50, TimeSpan.FromSeconds(10)));

    public const string ReadsVariable = "RATE_LIMIT_READS_PER_10S";
    public const string WritesVariable = "RATE_LIMIT_WRITES_PER_10S";

    /// <summary>The variables an API function's declaration passes on: the stage's limits, template parameters a load test of staging raises.</summary>
    public static IReadOnlyDictionary<string, TemplateValue> TemplateEnvironment { get; } = new Dictionary<string, TemplateValue>
    {
        [ReadsVariable] = TemplateValue.Ref("AccountReadsPer10s"),
        [WritesVariable] = TemplateValue.Ref("AccountWritesPer10s"),
    };

    /// <summary>The defaults, or the counts per 10 s the environment sets (a load test of staging raises them).</summary>
    public static RateLimits FromEnvironment() => new(
        Read(ReadsVariable) is { } reads ? new RateLimit(reads, TimeSpan.FromSeconds(10)) : Default.Reads,
        Read(WritesVariable) is { } writes ? new RateLimit(writes, TimeSpan.FromSeconds(10)) : Default.Writes);

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
