namespace GymCoach.Workouts.Domain;

/// <summary>The body of POST/PUT /workouts/plans as sent (and, validated, as stored and answered).</summary>
public sealed class PlanInput
{
    /// <summary>The device's id for a plan it made offline (UUID or ULID): a resend lands once, an upload may name it. Only on create.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Notes { get; set; }

    public List<PlanExercise>? Exercises { get; set; }
}

/// <summary>One exercise of a plan, in the order the lifter does them, with its target sets.</summary>
public sealed class PlanExercise
{
    public string? ExerciseId { get; set; }

    public string? Notes { get; set; }

    public List<TargetSet>? Sets { get; set; }
}

/// <summary>
/// What one set should be: reps (exact, or a range), a weight, or for cardio a duration or distance; the rest
/// after it; notes. Canonical units: kilograms, seconds, metres.
/// </summary>
public sealed class TargetSet
{
    public int? Reps { get; set; }

    public int? RepsMin { get; set; }

    public int? RepsMax { get; set; }

    public double? WeightKg { get; set; }

    public int? DurationSeconds { get; set; }

    public double? DistanceMeters { get; set; }

    public int? RestSeconds { get; set; }

    public string? Notes { get; set; }
}
