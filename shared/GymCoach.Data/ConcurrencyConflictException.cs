namespace GymCoach.Data;

/// <summary>
/// A conditional write found the item other than its <see cref="WritePrecondition"/> allowed: changed since
/// the caller read it, missing, or existing where the caller gave no precondition at all. Mapped to 412, or
/// 428 for the last case (the caller must read the resource and send If-Match); never a 500.
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

    public ConcurrencyConflictException(WritePrecondition precondition, string message, Exception? inner = null)
        : base(message, inner)
    {
        Precondition = precondition;
    }

    /// <summary>The request's precondition the write carried; null for a conflict of the service's own making.</summary>
    public WritePrecondition? Precondition { get; }
}
