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

    /// <summary>
    /// Progress photos, by count and by bytes (each up to 10 MiB; a phone's photo is 2–4 MB): a pending upload
    /// holds its place from the moment its URL is handed out. One whose upload never came is removed by the
    /// table's TTL two days after its window, which the counter does not see: a create that finds the cap spent
    /// recounts first (<c>PhotoRepository.RecountAsync</c>).
    /// </summary>
    public static readonly CollectionCap Photos = new("photos", "photos", 1000, MaxBytes: 5L * 1024 * 1024 * 1024);

    public static readonly CollectionCap Plans = new("plans", "plans", 200);

    /// <summary>Every scheduled workout of the account, whatever its date: five years of a workout a day, and more.</summary>
    public static readonly CollectionCap ScheduledTotal = new("schedule-total", "scheduled workouts", 5_000);

    /// <summary>Every measurement of the account, whatever its date: fifty years of a weigh-in a day.</summary>
    public static readonly CollectionCap MeasurementsTotal = new("measurements-total", "measurements", 20_000);

    /// <summary>Counted per date (<see cref="CollectionCap.On"/>), and in <see cref="ScheduledTotal"/>.</summary>
    public static readonly CollectionCap ScheduledPerDay = new("schedule", "scheduled workouts on one day", 20) { Total = ScheduledTotal };

    /// <summary>Counted per date (<see cref="CollectionCap.On"/>), and in <see cref="MeasurementsTotal"/>.</summary>
    public static readonly CollectionCap MeasurementsPerDay = new("measurements", "measurements on one day", 50) { Total = MeasurementsTotal };
}
