using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Workouts.Data;

namespace GymCoach.Workouts.Domain;

/// <summary>
/// Workout plans: validated, every referenced exercise checked to exist with one batched read, created exactly
/// once, replaced and deleted only under the request's precondition, copied under a new name.
/// </summary>
public sealed class PlanService
{
    public const string CopySuffix = " (copy)";
    private readonly PlanRepository _plans;
    private readonly ExerciseLookup _exercises;
    private readonly CursorCodec _cursors;
    private readonly TimeProvider _time;

    public PlanService(PlanRepository plans, ExerciseLookup exercises, CursorCodec cursors, TimeProvider time)
    {
        _plans = plans;
        _exercises = exercises;
        _cursors = cursors;
        _time = time;
    }

    /// <summary>The plan a create would store: validated, its exercises known to exist. Nothing is written.</summary>
    public async Task<Plan> PrepareAsync(string userId, PlanInput input, Creation creation, CancellationToken cancellationToken)
    {
        var plan = PlanRules.Validate(input, creation.Id, 1, creation.At, creation.At);
        await EnsureExercisesExistAsync(userId, plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>A new plan with the content of <paramref name="planId"/>, named as its copy. Nothing is written.</summary>
    public async Task<Plan> PrepareCopyAsync(string userId, string planId, Creation creation, CancellationToken cancellationToken)
    {
        var source = await GetAsync(userId, planId, cancellationToken).ConfigureAwait(false);
        var name = source.Name.Length + CopySuffix.Length <= TextRules.MaxNameLength ? source.Name + CopySuffix : source.Name;
        return source with { Id = creation.Id, Name = name, Version = 1, CreatedAt = creation.At, UpdatedAt = creation.At };
    }

    public Task<Plan> CreateAsync(string userId, Plan plan, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        _plans.CreateAsync(userId, plan, record, cancellationToken);

    public async Task<Plan> GetAsync(string userId, string planId, CancellationToken cancellationToken) =>
        (TextRules.IsId(planId) ? await _plans.GetAsync(userId, planId, cancellationToken).ConfigureAwait(false) : null)
        ?? throw new NotFoundException("No such plan.");

    public async Task<(IReadOnlyList<Plan> Items, string? NextCursor)> ListAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var start = _cursors.Decode(cursor, userId, "plans", CursorScope.Table(Keys.User(userId), Keys.PlanPrefix));
        var (items, last) = await _plans.ListAsync(userId, limit, start, cancellationToken).ConfigureAwait(false);
        return (items, _cursors.Encode(last, userId, "plans"));
    }

    public async Task<Plan> ReplaceAsync(string userId, string planId, PlanInput input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, planId, cancellationToken).ConfigureAwait(false);
        var plan = PlanRules.Validate(input, current.Id, current.Version + 1, current.CreatedAt, _time.GetUtcNow());
        await EnsureExercisesExistAsync(userId, plan, cancellationToken).ConfigureAwait(false);
        await _plans.ReplaceAsync(userId, current, plan, precondition, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    public async Task DeleteAsync(string userId, string planId, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, planId, cancellationToken).ConfigureAwait(false);
        await _plans.DeleteAsync(userId, current, precondition, cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureExercisesExistAsync(string userId, Plan plan, CancellationToken cancellationToken) =>
        _exercises.EnsureExistAsync(userId, plan.Exercises.Select((e, i) => ($"exercises[{i}].exerciseId", e.ExerciseId!)).ToList(), cancellationToken);
}
