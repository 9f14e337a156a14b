namespace GymCoach.Workouts.Domain;

/// <summary>A validated workout plan (a template sessions start from).</summary>
public sealed record Plan(string Id, string Name, string? Notes, IReadOnlyList<PlanExercise> Exercises, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Every exercise the plan references, once each.</summary>
    public IEnumerable<string> ExerciseIds => Exercises.Select(e => e.ExerciseId!).Distinct(StringComparer.Ordinal);
}
