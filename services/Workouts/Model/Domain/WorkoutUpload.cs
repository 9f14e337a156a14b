namespace GymCoach.Workouts.Domain;

/// <summary>
/// The body of PUT /workouts/sessions/{id}: a whole workout as the device logged it, offline or not. Its times
/// carry the device's UTC offset, kept as stated; its sets carry the device's ids, so sending it twice stores it once.
/// </summary>
public sealed class WorkoutUpload
{
    public string? Name { get; set; }

    public string? Notes { get; set; }

    /// <summary>The plan it followed (its targets are copied in, as for a live start).</summary>
    public string? PlanId { get; set; }

    /// <summary>RFC 3339 with the device's offset, e.g. 2026-12-01T07:05:00+11:00.</summary>
    public string? StartedAt { get; set; }

    /// <summary>RFC 3339 with the device's offset; at most 24 hours after <see cref="StartedAt"/>.</summary>
    public string? CompletedAt { get; set; }

    /// <summary>The exercises in the order they were done, each with its sets in order.</summary>
    public List<UploadedExercise>? Exercises { get; set; }
}

/// <summary>One exercise of an uploaded workout and its sets, in order.</summary>
public sealed class UploadedExercise
{
    public string? ExerciseId { get; set; }

    public List<UploadedSet>? Sets { get; set; }
}

/// <summary>One set of an uploaded workout: the same facts as a live set, with the device's id and optionally its time.</summary>
public sealed class UploadedSet
{
    /// <summary>The device's id for the set (UUID or ULID), unique within the workout.</summary>
    public string? Id { get; set; }

    /// <summary>normal (default), warmup, dropset or failure.</summary>
    public string? Type { get; set; }

    public int? Reps { get; set; }

    public double? WeightKg { get; set; }

    public int? DurationSeconds { get; set; }

    public double? DistanceMeters { get; set; }

    public double? Rpe { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the set was done (RFC 3339, any offset), between the workout's start and end; its order in the upload when absent.</summary>
    public string? PerformedAt { get; set; }
}
