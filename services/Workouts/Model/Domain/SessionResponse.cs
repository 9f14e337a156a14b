using GymCoach.Lambda.Text;

namespace GymCoach.Workouts.Domain;

/// <summary>A session as the app receives it; <see cref="Sets"/> and <see cref="Targets"/> only where the whole session is asked for (not in history pages).</summary>
public sealed class SessionResponse
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? PlanId { get; init; }

    public string? ScheduledId { get; init; }

    public string? Notes { get; init; }

    /// <summary>in_progress or completed.</summary>
    public required string Status { get; init; }

    public required string StartedAt { get; init; }

    public string? CompletedAt { get; init; }

    /// <summary>The start as the device stated it, with its UTC offset (<c>2026-12-01T07:05:00+11:00</c>); absent when the server dated it. The same instant as <see cref="StartedAt"/>.</summary>
    public string? StartedAtLocal { get; init; }

    /// <summary>The completion as the device stated it, with its UTC offset; absent when the server dated it.</summary>
    public string? CompletedAtLocal { get; init; }

    public long? DurationSeconds { get; init; }

    /// <summary>The plan's exercises and target sets, as they were when the session started (not in history lists).</summary>
    public List<PlanExercise>? Targets { get; init; }

    public required TotalsResponse Totals { get; init; }

    /// <summary>Sets logged per exercise id.</summary>
    public required Dictionary<string, long> ExerciseSets { get; init; }

    public required long Version { get; init; }

    /// <summary>Counts every change to the session's sets; with <see cref="ChangedAt"/> after <see cref="CompletedAt"/>, it was edited after completion.</summary>
    public required long Revision { get; init; }

    public string? ChangedAt { get; init; }

    public List<SetResponse>? Sets { get; init; }

    /// <summary>
    /// The session with <paramref name="sets"/> (a whole session: with its targets too), or without (a history
    /// page; with <paramref name="targets"/>, what sync sends, whose sets are changes of their own).
    /// </summary>
    public static SessionResponse From(Session s, IEnumerable<LoggedSet>? sets = null, bool targets = false) => new()
    {
        Id = s.Id,
        Name = s.Name,
        PlanId = s.PlanId,
        ScheduledId = s.ScheduledId,
        Notes = s.Notes,
        Status = s.Status,
        StartedAt = Timestamps.ToApi(s.StartedAt),
        CompletedAt = s.CompletedAt is { } c ? Timestamps.ToApi(c) : null,
        StartedAtLocal = s.StartedOffset is { } start ? Timestamps.ToApiWithOffset(s.StartedAt.ToOffset(start)) : null,
        CompletedAtLocal = s.CompletedAt is { } completed && s.CompletedOffset is { } end ? Timestamps.ToApiWithOffset(completed.ToOffset(end)) : null,
        DurationSeconds = s.DurationSeconds,
        Targets = sets is null && !targets ? null : s.Targets.ToList(),
        Totals = TotalsResponse.From(s.Totals),
        ExerciseSets = s.ExerciseSets.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        Version = s.Version,
        Revision = s.Revision,
        ChangedAt = s.ChangedAt is { } changed ? Timestamps.ToApi(changed) : null,
        Sets = sets?.Select(SetResponse.From).ToList(),
    };
}

/// <summary>A session's totals (warm-ups count as sets only).</summary>
public sealed class TotalsResponse
{
    public required long Sets { get; init; }

    public required long Reps { get; init; }

    public required double VolumeKg { get; init; }

    public required long DurationSeconds { get; init; }

    public required double DistanceMeters { get; init; }

    public static TotalsResponse From(SessionTotals t) => new()
    {
        Sets = t.Sets, Reps = t.Reps, VolumeKg = Math.Round(t.VolumeKg, 3), DurationSeconds = t.DurationSeconds, DistanceMeters = Math.Round(t.DistanceMeters, 3),
    };
}

/// <summary>A logged set as the app receives it.</summary>
public sealed class SetResponse
{
    /// <summary>Fields the server sets: a PUT may carry them back as read (they are ignored).</summary>
    public static readonly IReadOnlySet<string> ServerFields = new HashSet<string>(StringComparer.Ordinal) { "id", "sessionId", "version", "createdAt", "updatedAt" };

    public required string Id { get; init; }

    public required string SessionId { get; init; }

    public required string ExerciseId { get; init; }

    public int? Reps { get; init; }

    public double? WeightKg { get; init; }

    public int? DurationSeconds { get; init; }

    public double? DistanceMeters { get; init; }

    public double? Rpe { get; init; }

    public required string Type { get; init; }

    public required string LoggedAt { get; init; }

    public string? Notes { get; init; }

    public required long Version { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }

    public static SetResponse From(LoggedSet s) => new()
    {
        Id = s.Id,
        SessionId = s.SessionId,
        ExerciseId = s.ExerciseId,
        Reps = s.Reps,
        WeightKg = s.WeightKg,
        DurationSeconds = s.DurationSeconds,
        DistanceMeters = s.DistanceMeters,
        Rpe = s.Rpe,
        Type = s.Type,
        LoggedAt = Timestamps.ToApi(s.LoggedAt),
        Notes = s.Notes,
        Version = s.Version,
        CreatedAt = Timestamps.ToApi(s.CreatedAt),
        UpdatedAt = Timestamps.ToApi(s.UpdatedAt),
    };
}
