namespace GymCoach.Lambda.Errors;

/// <summary>The caller may see the resource but not change it (shared reference data, say).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
