namespace GymCoach.LocalInfra;

/// <summary>How one emulated invocation ended.</summary>
public enum InvocationOutcome
{
    Response,
    FunctionError,
    InitError,
    TimedOut,
}

/// <summary>What the function posted back (or that it did not, in time).</summary>
public sealed record InvocationResult(InvocationOutcome Outcome, byte[] Body, string? ErrorType, TimeSpan Duration);
