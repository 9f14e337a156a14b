namespace GymCoach.Data.Writes;

/// <summary>
/// Every per-account cap in one place, as every key is in <see cref="Keys"/>: what one account may hold of each
/// kind it can grow without end. Chosen far above what a lifter's app makes (a plan a week for four years; a
/// weigh-in and a tape measure a day), low enough that reading a whole collection stays one or two pages.
/// </summary>
public static class CollectionCaps
{
    /// <summary>Exercises of the lifter's own: the whole list is read (and cached) with every library page.</summary>
    public static readonly CollectionCap CustomExercises = new("custom-exercises", "custom exercises", 500);

    public static readonly CollectionCap Plans = new("plans", "plans", 200);

    /// <summary>Counted per date (<see cref="CollectionCap.On"/>).</summary>
    public static readonly CollectionCap ScheduledPerDay = new("schedule", "scheduled workouts on one day", 20);

    /// <summary>Counted per date (<see cref="CollectionCap.On"/>).</summary>
    public static readonly CollectionCap MeasurementsPerDay = new("measurements", "measurements on one day", 50);
}
