using GymCoach.Data.Calendar;
using GymCoach.Lambda.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Errors;

namespace GymCoach.Analytics.Domain;

/// <summary>
/// The computed series: an exercise's progress (from the per-exercise set history), volume by muscle group (from the
/// weekly aggregates) and the bodyweight trend (from measurements). Each request starts with one BatchGetItem of
/// the summary (its data version) and whatever else it needs by key, so a cached series costs that one request.
/// </summary>
public sealed class SeriesService
{
    public const int MaxRangeDays = 3 * 366;
    public const int MaxWeeks = 104;

    /// <summary>
    /// How long after an update a series is not cached: the summary is written last, but the per-exercise index
    /// (GSI1) is eventually consistent, so a series computed at once could miss the newest sets under the new stamp.
    /// </summary>
    public static readonly TimeSpan SettlingTime = TimeSpan.FromSeconds(10);

    private readonly WorkoutHistory _history;
    private readonly BatchOptimizer _batch;
    private readonly AggregateStore _store;
    private readonly SeriesCache<ProgressResponse> _progress;
    private readonly SeriesCache<BodyResponse> _body;
    private readonly SeriesCache<VolumeResponse> _volume;
    private readonly TimeProvider _time;

    public SeriesService(IAmazonDynamoDB client, string table, BatchOptimizer batch, AggregateStore store, TimeProvider time, Metrics? metrics = null)
    {
        _history = new WorkoutHistory(client, table);
        _batch = batch;
        _store = store;
        _time = time;
        _progress = new SeriesCache<ProgressResponse>(new CacheSettings("ProgressSeries", 2_000, TimeSpan.FromMinutes(10)), client, table, AnalyticsJsonContext.Default.ProgressResponse, time, metrics);
        _body = new SeriesCache<BodyResponse>(new CacheSettings("BodySeries", 2_000, TimeSpan.FromMinutes(10)), client, table, AnalyticsJsonContext.Default.BodyResponse, time, metrics);
        _volume = new SeriesCache<VolumeResponse>(new CacheSettings("VolumeSeries", 2_000, TimeSpan.FromMinutes(10)), client, table, AnalyticsJsonContext.Default.VolumeResponse, time, metrics);
    }

    /// <summary>Today where the lifter is: the zone their figures were last counted in (UTC before any).</summary>
    public async Task<DateOnly> TodayAsync(string userId, CancellationToken cancellationToken)
    {
        var (_, summary, _, _) = await _store.SummaryWithAsync(userId, [], cancellationToken).ConfigureAwait(false);
        return LocalCalendar.DayOf(_time.GetUtcNow(), summary?.TimeZone);
    }

    public async Task<ProgressResponse> ProgressAsync(string userId, string exerciseId, DateOnly from, DateOnly to, bool defaultRange, CancellationToken cancellationToken)
    {
        // Only the shape the Exercises service hands out can name an exercise (and fit in a key): anything else is none.
        if (!IsExerciseId(exerciseId))
        {
            throw new NotFoundException($"No exercise '{exerciseId}' in the library or among your own.");
        }

        var exerciseKey = new ItemKey(Keys.ExercisePartition(userId, exerciseId), Keys.Exercise(exerciseId));
        var name = $"PROGRESS#{exerciseId}#{from:yyyy-MM-dd}#{to:yyyy-MM-dd}";
        var (version, summary, items, settled) = await ReadAsync(userId, [exerciseKey, new ItemKey(Keys.User(userId), Keys.AnalyticsCache(name))], cancellationToken).ConfigureAwait(false);
        if (!items.ContainsKey(exerciseKey))
        {
            throw new NotFoundException($"No exercise '{exerciseId}' in the library or among your own.");
        }

        var zone = summary?.TimeZone ?? LocalCalendar.DefaultZone;
        return await _progress.GetAsync(userId, name, version, items.GetValueOrDefault(new ItemKey(Keys.User(userId), Keys.AnalyticsCache(name))), Tier(settled, defaultRange),
            () => ComputeProgressAsync(userId, exerciseId, from, to, zone, version, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task<VolumeResponse> VolumeAsync(string userId, int weeks, CancellationToken cancellationToken)
    {
        var (version, summary, _, settled) = await ReadAsync(userId, [], cancellationToken).ConfigureAwait(false);
        var weekStartDay = summary?.WeekStartDay ?? WeekCalendar.DefaultStartDay;
        var thisWeek = WeekCalendar.WeekOf(LocalCalendar.DayOf(_time.GetUtcNow(), summary?.TimeZone), WeekCalendar.Parse(weekStartDay));
        return await _volume.GetAsync(userId, $"VOLUME#{weeks}#{thisWeek:yyyy-MM-dd}", version, null, settled ? CacheTier.Memory : CacheTier.None, async () =>
        {
            var first = thisWeek.AddDays(-7 * (weeks - 1));
            var stored = (await _store.WeeksAsync(userId, first, thisWeek, cancellationToken).ConfigureAwait(false)).ToDictionary(w => w.WeekStart);
            var items = Enumerable.Range(0, weeks).Select(i => first.AddDays(7 * i))
                .Select(w => stored.GetValueOrDefault(w) ?? new WeekStats(w, 0, 0, 0, 0, 0, new Dictionary<string, int>()))
                .ToList();
            return new VolumeResponse(weeks, weekStartDay, items, version);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BodyResponse> BodyAsync(string userId, DateOnly from, DateOnly to, bool defaultRange, CancellationToken cancellationToken)
    {
        var name = $"BODY#{from:yyyy-MM-dd}#{to:yyyy-MM-dd}";
        var cacheKey = new ItemKey(Keys.User(userId), Keys.AnalyticsCache(name));
        var (version, _, items, settled) = await ReadAsync(userId, [cacheKey], cancellationToken).ConfigureAwait(false);
        return await _body.GetAsync(userId, name, version, items.GetValueOrDefault(cacheKey), Tier(settled, defaultRange), async () =>
        {
            var measured = await _history.MeasurementsAsync(userId, from.AddDays(-6), to, cancellationToken).ConfigureAwait(false);
            return new BodyResponse(from, to, BodyTrend.Points(measured, from, to), version);
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsExerciseId(string id) =>
        id is { Length: > 0 and <= 80 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && id[0] != '-';

    /// <summary>Only the default ranges (what the app asks for) earn a table item: any other range would cost a write per read.</summary>
    private static CacheTier Tier(bool settled, bool defaultRange) =>
        !settled ? CacheTier.None : defaultRange ? CacheTier.MemoryAndTable : CacheTier.Memory;

    /// <summary>The summary (its data version, and whether it has settled) and <paramref name="keys"/>, in one BatchGetItem.</summary>
    private async Task<(long Version, AnalyticsSummary? Summary, IReadOnlyDictionary<ItemKey, Dictionary<string, AttributeValue>> Items, bool Settled)> ReadAsync(string userId, IReadOnlyList<ItemKey> keys, CancellationToken cancellationToken)
    {
        var (version, summary, savedAt, items) = await _store.SummaryWithAsync(userId, keys, cancellationToken).ConfigureAwait(false);
        var settled = savedAt is not { } at || _time.GetUtcNow() - at > SettlingTime;
        return (version, summary, items, settled);
    }

    private async Task<ProgressResponse> ComputeProgressAsync(string userId, string exerciseId, DateOnly from, DateOnly to, string zone, long version, CancellationToken cancellationToken)
    {
        var sets = await _history.CompletedSetsAsync(userId, exerciseId, from, to, zone, _batch, cancellationToken).ConfigureAwait(false);
        var points = sets
            .Where(s => s.IsWorking)
            .GroupBy(s => LocalCalendar.DayOf(Timestamps.Parse(s.LoggedAt), zone))
            .OrderBy(g => g.Key)
            .Select(g => new ProgressPoint(
                g.Key,
                g.Select(s => OneRepMax.Epley(s.WeightKg ?? 0, s.Reps ?? 0)).Max(),
                g.Where(s => (s.Reps ?? 0) >= 1 && (s.WeightKg ?? 0) > 0).Select(s => s.WeightKg).Max(),
                SessionDigest.Volume(g.Sum(s => (s.Reps ?? 0) * (s.WeightKg ?? 0))),
                g.Count(),
                g.Sum(s => (long)(s.Reps ?? 0))))
            .ToList();
        return new ProgressResponse(exerciseId, from, to, "epley", points, version);
    }
}
