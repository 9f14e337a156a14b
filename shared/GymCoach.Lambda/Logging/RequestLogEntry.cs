namespace GymCoach.Lambda.Logging;

/// <summary>
/// The one line written per invocation: enough to find, count and time it in CloudWatch — and, when it failed,
/// why (<see cref="Error"/>), so a failure is one ERROR line, not two.
/// </summary>
public readonly record struct RequestLogEntry(
    string RequestId,
    string? TraceId,
    bool ColdStart,
    string Method,
    string Route,
    int Status,
    double DurationMs,
    string? Error = null);
