namespace GymCoach.Lambda.Runtime;

/// <summary>
/// When an invocation's work must stop. Lambda freezes or kills the process at the deadline itself, so work
/// cancelled exactly then never gets to answer (a 503 with Retry-After) or to release what it holds (an
/// idempotency claim). The handler's token fires a margin earlier; that margin is what the answer and the
/// clean-up run in.
/// </summary>
public static class DeadlineBudget
{
    public const string MarginVariable = "DEADLINE_MARGIN_MS";

    /// <summary>Default margin: a problem response and one small DynamoDB write fit in it many times over.</summary>
    public static readonly TimeSpan DefaultMargin = TimeSpan.FromMilliseconds(1000);

    /// <summary>The margin from <c>DEADLINE_MARGIN_MS</c>, else <see cref="DefaultMargin"/>.</summary>
    public static TimeSpan MarginFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(MarginVariable), out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : DefaultMargin;

    /// <summary>
    /// How long the handler may run when <paramref name="remaining"/> is left: all of it less the margin, but
    /// never less than half of it (a short-lived invocation still gets to try).
    /// </summary>
    public static TimeSpan WorkTime(TimeSpan remaining, TimeSpan margin)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var work = remaining - margin;
        var half = remaining / 2;
        return work > half ? work : half;
    }
}
