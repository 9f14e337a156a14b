namespace GymCoach.Lambda.Errors;

/// <summary>
/// A request the domain refuses, said in the domain's terms (not found, invalid, conflicting), whatever event
/// carried it. The HTTP side turns each kind into its problem+json answer in one place; a stream handler
/// decides per kind whether to retry. Domain services and the data layer throw these, never HTTP types.
/// </summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
