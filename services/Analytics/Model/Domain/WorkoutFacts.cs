namespace GymCoach.Analytics.Domain;

/// <summary>One logged set as Analytics reads it from the Workouts item (only what aggregates need).</summary>
public sealed record SetFact(string SetId, string ExerciseId, int? Reps, double? WeightKg, string Type, string LoggedAt)
{
    /// <summary>Warm-ups count as sets but not as working sets, volume or records (the Workouts service's rule too).</summary>
    public bool IsWorking => Type != "warmup";
}

/// <summary>A session and its sets, as stored now: what a digest is built from.</summary>
public sealed record SessionFacts(
    string SessionId,
    string Status,
    string StartedAt,
    string? CompletedAt,
    long? DurationSeconds,
    IReadOnlyList<SetFact> Sets)
{
    /// <summary>Minutes east of UTC the device stated with the start; null when the server dated it (the lifter's zone then decides its day).</summary>
    public int? StartOffsetMinutes { get; init; }

    public const string Completed = GymCoach.Data.Contracts.WorkoutSessionContract.Completed;
}
