namespace GymCoach.Lambda.Errors;

/// <summary>
/// A create refused because the account holds as many of a kind as one account may (a per-account cap): the
/// caller can make room by deleting some. Its own kind, so the answer can say the cap and the app can say so.
/// </summary>
public sealed class CollectionFullException(string what, long max, string? message = null)
    : DomainException(message ?? $"An account holds at most {max} {what}.")
{
    public string What { get; } = what;

    public long Max { get; } = max;
}
