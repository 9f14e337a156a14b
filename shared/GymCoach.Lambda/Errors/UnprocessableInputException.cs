namespace GymCoach.Lambda.Errors;

/// <summary>
/// Well-formed input the domain cannot accept as it stands (422), field by field: a value beyond a bound (a
/// workout longer than a day, more than a thousand sets) or a reference to something that does not exist.
/// Malformed input is <see cref="InvalidInputException"/> (400); this is what remains once the shape is right.
/// </summary>
public sealed class UnprocessableInputException : DomainException
{
    public UnprocessableInputException(IReadOnlyDictionary<string, string[]> errors, string message = "The request is well-formed but cannot be accepted; see errors.")
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Messages by field name (JSON path of the body field).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static UnprocessableInputException For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, message);
}
