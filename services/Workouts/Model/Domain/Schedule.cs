namespace GymCoach.Workouts.Domain;

/// <summary>The body of POST /workouts/schedule: a plan (or just a name) on a calendar day.</summary>
public sealed class ScheduleInput
{
    public string? Date { get; set; }

    public string? PlanId { get; set; }

    public string? Name { get; set; }

    public string? Notes { get; set; }
}

/// <summary>A workout on the calendar; <see cref="SessionId"/> is set once a session was started from it (status done).</summary>
public sealed record ScheduledWorkout(string Id, DateOnly Date, string? PlanId, string Name, string? Notes, string Status, string? SessionId, long Version, DateTimeOffset CreatedAt)
{
    public const string Planned = GymCoach.Data.Contracts.ScheduledWorkoutContract.Planned;
    public const string Done = "done";
}

/// <summary>A scheduled workout as the app receives it.</summary>
public sealed class ScheduleResponse
{
    public required string Id { get; init; }

    public required string Date { get; init; }

    public string? PlanId { get; init; }

    public required string Name { get; init; }

    public string? Notes { get; init; }

    /// <summary>planned, or done once a session was started from it.</summary>
    public required string Status { get; init; }

    public string? SessionId { get; init; }

    public required long Version { get; init; }

    public required string CreatedAt { get; init; }

    public static ScheduleResponse From(ScheduledWorkout entry) => new()
    {
        Id = entry.Id,
        Date = GymCoach.Lambda.Text.Timestamps.ToApi(entry.Date),
        PlanId = entry.PlanId,
        Name = entry.Name,
        Notes = entry.Notes,
        Status = entry.Status,
        SessionId = entry.SessionId,
        Version = entry.Version,
        CreatedAt = GymCoach.Lambda.Text.Timestamps.ToApi(entry.CreatedAt),
    };
}

/// <summary>The calendar view: every scheduled workout of a bounded range, in date order.</summary>
public sealed class ScheduleListResponse
{
    public required List<ScheduleResponse> Items { get; init; }
}
