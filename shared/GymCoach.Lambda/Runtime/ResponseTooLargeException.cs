namespace GymCoach.Lambda.Runtime;

/// <summary>Lambda refused the response (413): it is reported as the invocation's error instead of vanishing.</summary>
public sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(int bytes)
        : base($"The response ({bytes} bytes) exceeds Lambda's payload limit.")
    {
    }

    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
