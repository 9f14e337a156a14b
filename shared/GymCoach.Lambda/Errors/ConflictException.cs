namespace GymCoach.Lambda.Errors;

/// <summary>The request collides with the resource's current state (in use, in flight, already done differently).</summary>
public sealed class ConflictException(string message) : DomainException(message);
