namespace GymCoach.Lambda.Runtime;

/// <summary>
/// The Runtime API answered in a way that means the execution environment is broken (a 5xx, a missing
/// request id). Lambda's contract is to exit promptly; the loop turns this into a non-zero exit code.
/// </summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RuntimeApiException()
    {
    }
}
