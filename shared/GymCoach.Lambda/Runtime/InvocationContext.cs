namespace GymCoach.Lambda.Runtime;

/// <summary>
/// What Lambda tells us about one invocation. The deadline is surfaced as a <see cref="CancellationToken"/>
/// so that every awaited call below the handler gives up when Lambda would kill us anyway.
/// </summary>
public sealed class InvocationContext
{
    public InvocationContext(
        string requestId,
        DateTimeOffset deadline,
        string? invokedFunctionArn,
        string? traceId,
        bool isColdStart,
        CancellationToken cancellationToken)
    {
        RequestId = requestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;
        IsColdStart = isColdStart;
        CancellationToken = cancellationToken;
    }

    public string RequestId { get; }

    public DateTimeOffset Deadline { get; }

    public string? InvokedFunctionArn { get; }

    public string? TraceId { get; }

    /// <summary>True for the first invocation a process serves.</summary>
    public bool IsColdStart { get; }

    /// <summary>Cancelled a margin before the invocation's deadline (<see cref="DeadlineBudget"/>), leaving time to answer.</summary>
    public CancellationToken CancellationToken { get; }

    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;
}
