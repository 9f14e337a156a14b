namespace GymCoach.Lambda.Errors;

/// <summary>Input that breaks the domain's rules, field by field, so the caller can fix all of it at once.</summary>
public sealed class InvalidInputException : DomainException
{
    public InvalidInputException(IReadOnlyDictionary<string, string[]> errors, string message = "One or more fields are invalid.")
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Messages by field name (JSON path for body fields, the parameter name for query parameters).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>One invalid field.</summary>
    public static InvalidInputException For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, message);
}
