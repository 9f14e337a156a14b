namespace GymCoach.Data.Contracts;

/// <summary>A schedule entry as Workouts stores it (<c>SCHEDULE#id</c>, ids sorting by day), with the attributes the dashboard reads for the next workout.</summary>
public static class ScheduledWorkoutContract
{
    public const string Entity = EntityTypes.ScheduledWorkout;

    /// <summary>An entry not yet done or skipped.</summary>
    public const string Planned = "planned";

    public const string Id = "id";
    public const string Date = "date";
    public const string Name = "name";
    public const string Status = "status";
    public const string PlanId = "planId";
}
