using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Lambda.Errors;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Checks that referenced exercises exist — in the library, or among the caller's own — with one batched read
/// of every id not already known (through the batch optimizer: 100 keys a request, unprocessed keys retried),
/// and remembers the ones found, so a warm instance checks a plan or a set without a request.
/// </summary>
public sealed class ExerciseLookup
{
    private static readonly object Known = new();
    private readonly BatchOptimizer _batch;
    private readonly IEntityCache<object> _known;

    public ExerciseLookup(BatchOptimizer batch, IEntityCache<object> known)
    {
        _batch = batch;
        _known = known;
    }

    /// <summary>
    /// Throws a 400 naming every id in <paramref name="ids"/> (by its field) that is neither a library exercise nor
    /// one of the caller's; a 422 when <paramref name="unprocessable"/> (an upload's references, whose shape was fine).
    /// </summary>
    public async Task EnsureExistAsync(string userId, IReadOnlyList<(string Field, string ExerciseId)> ids, CancellationToken cancellationToken, bool unprocessable = false)
    {
        var unknown = ids.Select(i => i.ExerciseId).Distinct(StringComparer.Ordinal).Where(id => !_known.TryGet(CacheKeyOf(userId, id), out _)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var keys = unknown.ToDictionary(id => id, id => ItemKeyOf(userId, id), StringComparer.Ordinal);
        var result = await _batch.GetAsync(keys.Values, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.Failed.Count > 0)
        {
            throw new StoreBusyException("Some exercises could not be checked; retry shortly.");
        }

        var errors = new ValidationErrors();
        foreach (var (id, key) in keys)
        {
            if (result.Items.TryGetValue(key, out var item) && item.Count > 0)
            {
                _known.Set(CacheKeyOf(userId, id), Known);
            }
        }

        foreach (var (field, id) in ids)
        {
            if (!_known.TryGet(CacheKeyOf(userId, id), out _) && !(result.Items.TryGetValue(keys[id], out var found) && found.Count > 0))
            {
                errors.Add(field, $"No exercise '{id}' in the library or among your own.");
            }
        }

        if (unprocessable)
        {
            errors.ThrowIfAnyUnprocessable();
        }

        errors.ThrowIfAny();
    }

    /// <summary>Whether <paramref name="exerciseId"/> is a library exercise or one of the caller's.</summary>
    public async Task<bool> ExistsAsync(string userId, string exerciseId, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureExistAsync(userId, [("exerciseId", exerciseId)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (InvalidInputException)
        {
            return false;
        }
    }

    private static CacheKey CacheKeyOf(string userId, string id) =>
        Keys.IsCustomExercise(id)
            ? CacheKey.ForUser(userId, CacheSettings.KnownExercises.Entity, id)
            : CacheKey.Shared(CacheSettings.KnownExercises.Entity, id);

    private static ItemKey ItemKeyOf(string userId, string id) =>
        new(Keys.ExercisePartition(userId, id), Keys.Exercise(id));
}
