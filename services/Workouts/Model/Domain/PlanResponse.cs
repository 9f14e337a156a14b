namespace GymCoach.Workouts.Domain;

/// <summary>A plan as the app receives it.</summary>
public sealed class PlanResponse
{
    /// <summary>Fields the server sets: a PUT may carry them back as read (they are ignored).</summary>
    public static readonly IReadOnlySet<string> ServerFields = new HashSet<string>(StringComparer.Ordinal) { "id", "version", "createdAt", "updatedAt" };

    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Notes { get; init; }

    public required List<PlanExercise> Exercises { get; init; }

    public required long Version { get; init; }

    public required string CreatedAt { get; init; }

    public required string UpdatedAt { get; init; }

    public static PlanResponse From(Plan plan) => new()
    {
        Id = plan.Id,
        Name = plan.Name,
        Notes = plan.Notes,
        Exercises = plan.Exercises.ToList(),
        Version = plan.Version,
        CreatedAt = GymCoach.Lambda.Text.Timestamps.ToApi(plan.CreatedAt),
        UpdatedAt = GymCoach.Lambda.Text.Timestamps.ToApi(plan.UpdatedAt),
    };
}
