namespace GymCoach.Lambda.Errors;

/// <summary>The resource does not exist — or is not the caller's, which the caller must not be able to tell apart.</summary>
public sealed class NotFoundException(string message = "The resource does not exist.") : DomainException(message);
