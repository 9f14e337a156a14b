namespace GymCoach.Lambda.Errors;

/// <summary>
/// Collects every invalid field of a request before answering, so the app can show all problems at once
/// instead of one per round trip.
/// </summary>
public sealed class ValidationErrors
{
    private Dictionary<string, List<string>>? _errors;

    public bool HasErrors => _errors is { Count: > 0 };

    public IReadOnlyCollection<string> Fields => (IReadOnlyCollection<string>?)_errors?.Keys ?? [];

    public void Add(string field, string message)
    {
        _errors ??= new(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Throws an <see cref="InvalidInputException"/> naming every field, if any was added.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InvalidInputException(ToDictionary());
        }
    }

    /// <summary>Throws an <see cref="UnprocessableInputException"/> (422) naming every field, if any was added.</summary>
    public void ThrowIfAnyUnprocessable()
    {
        if (HasErrors)
        {
            throw new UnprocessableInputException(ToDictionary());
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors?.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) ?? [];
}
