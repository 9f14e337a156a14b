namespace GymCoach.Lambda.Logging;

/// <summary>The CloudWatch units our metrics use.</summary>
public enum MetricUnit
{
    Count,
    Milliseconds,
    Bytes,
    None,
}
