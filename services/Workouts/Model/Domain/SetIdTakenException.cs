using GymCoach.Lambda.Errors;

namespace GymCoach.Workouts.Domain;

/// <summary>A device's set id is already used by a set that states something else: the route answers 409 with that set, for the device to reconcile.</summary>
public sealed class SetIdTakenException(LoggedSet stored) : DomainException("A different set was already logged under this id.")
{
    public LoggedSet Stored { get; } = stored;
}
