namespace GymCoach.Data;

/// <summary>
/// A conditional write found the item changed (or missing) since the caller read it. Handlers map it to
/// 412 when the caller sent If-Match; it never escapes as a 500.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : base("The item changed since it was read.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
