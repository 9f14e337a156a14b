using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Lambda.Logging;

namespace GymCoach.Analytics.Data;

/// <summary>
/// The primary muscles of exercises, for sets per muscle group: library ones (shared, cached for minutes) and the
/// user's own (<c>custom-…</c>, in their partition). One batched read for every id not cached; an exercise that
/// no longer exists counts towards no muscle.
/// </summary>
public sealed class ExerciseMuscles
{
    private static readonly CacheSettings Settings = new("ExerciseMuscles", 5_000, TimeSpan.FromMinutes(10));

    private readonly BatchOptimizer _batch;
    private readonly LruEntityCache<IReadOnlyList<string>> _cache;

    public ExerciseMuscles(BatchOptimizer batch, Metrics? metrics = null)
    {
        _batch = batch;
        _cache = new LruEntityCache<IReadOnlyList<string>>(Settings, metrics);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OfAsync(string userId, IEnumerable<string> exerciseIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var missing = new Dictionary<ItemKey, string>();
        foreach (var id in exerciseIds.Distinct(StringComparer.Ordinal))
        {
            if (_cache.TryGet(CacheKeyOf(userId, id), out var muscles))
            {
                result[id] = muscles!;
            }
            else
            {
                missing[ItemKeyOf(userId, id)] = id;
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var read = await _batch.GetAsync(missing.Keys, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (read.Failed.Count > 0)
        {
            throw new StoreBusyException("Exercise muscles could not all be read; the batch is retried.");
        }

        foreach (var (key, id) in missing)
        {
            IReadOnlyList<string> muscles = read.Items.TryGetValue(key, out var item) ? item.GetStringList("primaryMuscles") : [];
            _cache.Set(CacheKeyOf(userId, id), muscles);
            result[id] = muscles;
        }

        return result;
    }

    private static CacheKey CacheKeyOf(string userId, string id) =>
        Keys.IsCustomExercise(id) ? CacheKey.ForUser(userId, Settings.Entity, id) : CacheKey.Shared(Settings.Entity, id);

    private static ItemKey ItemKeyOf(string userId, string id) =>
        new(Keys.ExercisePartition(userId, id), Keys.Exercise(id));
}
