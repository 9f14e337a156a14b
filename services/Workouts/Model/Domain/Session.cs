namespace GymCoach.Workouts.Domain;

/// <summary>The body of POST /workouts/sessions: empty, from a plan, or from a scheduled entry (whose plan it then uses).</summary>
public sealed class SessionInput
{
    public string? Name { get; set; }

    public string? PlanId { get; set; }

    public string? ScheduledId { get; set; }

    public string? Notes { get; set; }

    /// <summary>When the workout started by the device (RFC 3339 with its UTC offset, kept); now when absent.</summary>
    public string? StartedAt { get; set; }
}

/// <summary>The optional body of POST /workouts/sessions/{id}/complete: when the workout ended by the device.</summary>
public sealed class CompletionInput
{
    /// <summary>RFC 3339 with the device's UTC offset (kept); now when absent.</summary>
    public string? CompletedAt { get; set; }
}

/// <summary>
/// A workout session: in progress from its start, completed (with its duration) or discarded. Its totals are
/// kept by every set write in the same transaction, so they are always those of its sets.
/// <see cref="Revision"/> counts the set writes and <see cref="ChangedAt"/> dates the last one: a change after
/// <see cref="CompletedAt"/> is an edit of a completed session that analytics recomputes from.
/// </summary>
public sealed record Session(
    string Id,
    string Name,
    string? PlanId,
    string? ScheduledId,
    string? Notes,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationSeconds,
    IReadOnlyList<PlanExercise> Targets,
    SessionTotals Totals,
    IReadOnlyDictionary<string, long> ExerciseSets,
    long Version,
    long Revision,
    DateTimeOffset? ChangedAt)
{
    public const string InProgress = "in_progress";
    public const string Completed = GymCoach.Data.Contracts.WorkoutSessionContract.Completed;
    public const string Discarded = "discarded";

    /// <summary>Most sets one session may hold (a long session logs about a hundred; a day-long event a few hundred).</summary>
    public const int MaxSets = 1000;

    /// <summary>The UTC offset the device stated with <see cref="StartedAt"/> (where the workout happened); null when the server dated it.</summary>
    public TimeSpan? StartedOffset { get; init; }

    /// <summary>The UTC offset the device stated with <see cref="CompletedAt"/>; null when the server dated it.</summary>
    public TimeSpan? CompletedOffset { get; init; }

    /// <summary>The digest of the whole-workout upload that last wrote the session (the same upload again is answered, not re-applied).</summary>
    public string? UploadHash { get; init; }

    /// <summary>The digest of a large upload being applied in steps (its sets written before the session); a resend of the same upload finishes it.</summary>
    public string? PendingUpload { get; init; }
}

/// <summary>
/// What a session's sets add up to. Warm-up sets count as sets but not towards reps or volume (what lifters
/// call working volume); volume is Σ reps × weight in kilograms.
/// </summary>
public sealed record SessionTotals(long Sets, long Reps, double VolumeKg, long DurationSeconds, double DistanceMeters)
{
    public static readonly SessionTotals None = new(0, 0, 0, 0, 0);

    public SessionTotals Plus(SessionTotals other) =>
        new(Sets + other.Sets, Reps + other.Reps, VolumeKg + other.VolumeKg, DurationSeconds + other.DurationSeconds, DistanceMeters + other.DistanceMeters);

    public SessionTotals Minus(SessionTotals other) =>
        new(Sets - other.Sets, Reps - other.Reps, VolumeKg - other.VolumeKg, DurationSeconds - other.DurationSeconds, DistanceMeters - other.DistanceMeters);
}
