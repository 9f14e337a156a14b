namespace GymCoach.Lambda.Logging;

/// <summary>The one line written per HTTP request: enough to find, count and time it in CloudWatch.</summary>
public readonly record struct RequestLogEntry(
    string RequestId,
    string? TraceId,
    bool ColdStart,
    string Method,
    string Route,
    int Status,
    double DurationMs);
