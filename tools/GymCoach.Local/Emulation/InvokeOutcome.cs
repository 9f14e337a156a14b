namespace GymCoach.Local.Emulation;

/// <summary>How the emulator answered one invoke, in Lambda's terms.</summary>
public enum InvokeStatus
{
    /// <summary>The function returned a response.</summary>
    Success,

    /// <summary>The handler reported an error to /error (Lambda: "Unhandled").</summary>
    FunctionError,

    /// <summary>The instance died mid-invoke, or never finished init.</summary>
    Crashed,

    /// <summary>The invoke ran past the function's Timeout; the instance was killed.</summary>
    TimedOut,

    /// <summary>No idle instance and the concurrency limit reached.</summary>
    Throttled,
}

/// <summary>The result of one emulated invoke.</summary>
public sealed record InvokeOutcome(InvokeStatus Status, byte[] Payload, string RequestId, bool ColdStart);
