namespace GymCoach.Profiles.Jobs;

/// <summary>
/// The knobs of the jobs function. Production takes the defaults; tests shrink them to drive many segments and
/// parts through a small account in little time.
/// </summary>
public sealed record JobSettings
{
    /// <summary>
    /// A segment stops this long before its invocation's deadline, which leaves room for the part in flight, the
    /// hand-over write and the platform's own margin.
    /// </summary>
    public TimeSpan Reserve { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes per uploaded part: S3 takes 5 MiB at least for every part but the last.</summary>
    public int PartSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>Items per Query page.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>
    /// How long after a deletion starts it keeps sweeping: longer than the Analytics stream function can run,
    /// so an update that read the partition before the deletion began has written (and been swept) by then.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(65);

    public const string SettleVariable = "DELETION_SETTLE_SECONDS";

    public static JobSettings FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(SettleVariable), out var seconds) && seconds >= 0
            ? new JobSettings { Settle = TimeSpan.FromSeconds(seconds) }
            : new JobSettings();
}
