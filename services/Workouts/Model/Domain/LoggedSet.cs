namespace GymCoach.Workouts.Domain;

/// <summary>The body of POST (and PUT) /workouts/sessions/{id}/sets: one set as done.</summary>
public sealed class SetInput
{
    public string? ExerciseId { get; set; }

    public int? Reps { get; set; }

    public double? WeightKg { get; set; }

    public int? DurationSeconds { get; set; }

    public double? DistanceMeters { get; set; }

    /// <summary>Rate of perceived exertion, 1–10 in halves.</summary>
    public double? Rpe { get; set; }

    /// <summary>normal (default), warmup, dropset or failure.</summary>
    public string? Type { get; set; }

    /// <summary>When the set was done, by the phone's clock (ISO-8601 UTC); the server's time when absent.</summary>
    public string? LoggedAt { get; set; }

    /// <summary>When the set was done, as the device states it (RFC 3339 with its offset); the same fact as <see cref="LoggedAt"/>, in the upload's spelling. Send one of the two.</summary>
    public string? PerformedAt { get; set; }

    /// <summary>The set's id, made by the device (UUID or ULID) so a set logged offline and sent twice lands once; the server makes one when absent.</summary>
    public string? Id { get; set; }

    public string? Notes { get; set; }
}

/// <summary>A validated set, its own item (so two devices logging into one session never overwrite each other).</summary>
public sealed record LoggedSet(
    string Id,
    string SessionId,
    string ExerciseId,
    int? Reps,
    double? WeightKg,
    int? DurationSeconds,
    double? DistanceMeters,
    double? Rpe,
    string Type,
    DateTimeOffset LoggedAt,
    string? Notes,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const string Normal = "normal";
    public const string Warmup = "warmup";

    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal) { Normal, Warmup, "dropset", "failure" };

    /// <summary>Its place in an uploaded workout, for sets whose device gave no time (they all share the start's); null for sets logged live.</summary>
    public int? Position { get; init; }

    /// <summary>Whether <paramref name="other"/> states the same set (what was done, when, where in the workout), whatever its version and bookkeeping times.</summary>
    public bool SameFacts(LoggedSet other) =>
        Id == other.Id && SessionId == other.SessionId && ExerciseId == other.ExerciseId && Reps == other.Reps && WeightKg == other.WeightKg
        && DurationSeconds == other.DurationSeconds && DistanceMeters == other.DistanceMeters && Rpe == other.Rpe && Type == other.Type
        && LoggedAt == other.LoggedAt && Notes == other.Notes && Position == other.Position;

    /// <summary>The order a session's sets were done in: by time, then by their place in an upload, then by id.</summary>
    public static List<LoggedSet> InOrder(IEnumerable<LoggedSet> sets) =>
        sets.OrderBy(s => s.LoggedAt).ThenBy(s => s.Position ?? int.MaxValue).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>What this set adds to its session's totals.</summary>
    public SessionTotals Contribution => Type == Warmup
        ? new SessionTotals(1, 0, 0, DurationSeconds ?? 0, DistanceMeters ?? 0)
        : new SessionTotals(1, Reps ?? 0, Math.Round((Reps ?? 0) * (WeightKg ?? 0), 3), DurationSeconds ?? 0, DistanceMeters ?? 0);
}
