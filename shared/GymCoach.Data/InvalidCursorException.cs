using GymCoach.Lambda.Errors;

namespace GymCoach.Data;

/// <summary>A page token that is not one of ours, not the caller's, not for this query, expired or malformed.</summary>
public sealed class InvalidCursorException(string message = "The cursor is not valid.") : DomainException(message);
