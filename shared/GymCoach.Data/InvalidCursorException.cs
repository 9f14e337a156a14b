using GymCoach.Lambda.Errors;

namespace GymCoach.Data;

/// <summary>A page token that is not one of ours, not the caller's, not for this query, expired or malformed.</summary>
public sealed class InvalidCursorException(string message = "The cursor is not valid.", bool expired = false) : DomainException(message)
{
    /// <summary>Genuine and the caller's, but past its lifetime: a sync cursor answers 410 for it (start again), a page cursor 400.</summary>
    public bool Expired { get; } = expired;
}
