using BitFaster.Caching;
using BitFaster.Caching.Lru;
using GymCoach.Lambda.Logging;

namespace GymCoach.Data.Caching;

/// <summary>
/// <see cref="IEntityCache{TValue}"/> on BitFaster's ConcurrentLru: bounded by count and by bytes,
/// expire-after-write, and with atomic get-or-add so a burst of misses on one key does the I/O once. Hit, miss
/// and eviction counts go out as EMF metrics at most once a minute.
/// </summary>
/// <remarks>
/// BitFaster weighs every entry alike, so the bytes are kept beside it: each entry's weight (the caller's
/// estimate) is added when it is stored and taken off when BitFaster removes it; past
/// <see cref="CacheSettings.MaxBytes"/> the coldest entries are trimmed until the total fits. An entry heavier than
/// a quarter of the budget is never kept (it is served from the store every time), so one account's collection
/// cannot push every other out.
/// </remarks>
public sealed class LruEntityCache<TValue> : IEntityCache<TValue>
    where TValue : class
{
    /// <summary>The weight of an entry when the cache is given no way to weigh: a small record.</summary>
    public const long DefaultEntryBytes = 512;

    private static readonly TimeSpan MetricsInterval = TimeSpan.FromMinutes(1);

    private readonly IAsyncCache<CacheKey, Weighed> _cache;
    private readonly Func<TValue, long> _weigh;
    private readonly Metrics? _metrics;
    private long _bytes;
    private long _evictions;
    private long _loads;
    private long _lastEmitTicks = Environment.TickCount64;
    private CacheStatistics _lastEmitted;

    public LruEntityCache(CacheSettings settings, Metrics? metrics = null, Func<TValue, long>? weigh = null)
    {
        Settings = settings;
        _metrics = metrics;
        _weigh = weigh ?? (static _ => DefaultEntryBytes);
        _cache = new ConcurrentLruBuilder<CacheKey, Weighed>()
            .WithCapacity(settings.Capacity)
            .WithExpireAfterWrite(settings.TimeToLive)
            .WithMetrics()
            .WithAtomicGetOrAdd()
            .AsAsyncCache()
            .Build();

        // An entry's weight is booked when it is made (before BitFaster holds it) and taken off when BitFaster lets
        // it go, by the entry's own record of it: nothing can be counted for an entry that is gone.
        var events = _cache.Events.Value!;
        events.ItemRemoved += (_, e) =>
        {
            Interlocked.Add(ref _bytes, -e.Value!.Weight);
            if (e.Reason is ItemRemovedReason.Evicted or ItemRemovedReason.Trimmed)
            {
                Interlocked.Increment(ref _evictions);
            }
        };
        events.ItemUpdated += (_, e) => Interlocked.Add(ref _bytes, -e.OldValue!.Weight);
    }

    public CacheSettings Settings { get; }

    /// <summary>What the entries weigh together, by their estimates.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public int Count => _cache.Count;

    public CacheStatistics Statistics
    {
        get
        {
            var metrics = _cache.Metrics.Value!;
            // A miss is a load: a TryGet that finds nothing and the GetOrLoadAsync that follows it are one miss,
            // not two (BitFaster counts each lookup).
            return new CacheStatistics(metrics.Hits, Interlocked.Read(ref _loads), Interlocked.Read(ref _evictions));
        }
    }

    public bool TryGet(CacheKey key, out TValue? value)
    {
        value = _cache.TryGet(key, out var entry) ? entry.Value : null;
        return value is not null;
    }

    public async ValueTask<TValue?> GetOrLoadAsync(CacheKey key, Func<CacheKey, Task<TValue?>> load)
    {
        var entry = await _cache.GetOrAddAsync(key, static async (k, state) =>
        {
            Interlocked.Increment(ref state.Cache._loads);
            return state.Cache.Weigh(await state.Load(k).ConfigureAwait(false));
        }, (Cache: this, Load: load)).ConfigureAwait(false);
        if (entry.Value is null || entry.Weight > Settings.MaxBytes / 4)
        {
            // A null load is not cached (a 404 must not outlive the create); an entry too heavy is served, not kept.
            _cache.TryRemove(key);
        }
        else
        {
            TrimToBudget();
        }

        EmitMetricsIfDue();
        return entry.Value;
    }

    public void Set(CacheKey key, TValue value)
    {
        var entry = Weigh(value);
        if (entry.Weight > Settings.MaxBytes / 4)
        {
            _cache.TryRemove(key);
            return;
        }

        _cache.AddOrUpdate(key, entry);
        TrimToBudget();
    }

    public void Invalidate(CacheKey key) => _cache.TryRemove(key);

    /// <summary>Wraps a value with its weight, booking the weight (a null is weightless).</summary>
    private Weighed Weigh(TValue? value)
    {
        var weight = value is null ? 0 : Math.Max(1, _weigh(value));
        Interlocked.Add(ref _bytes, weight);
        return new Weighed(value, weight);
    }

    /// <summary>Trims the coldest entries while the total is over budget.</summary>
    private void TrimToBudget()
    {
        while (Interlocked.Read(ref _bytes) > Settings.MaxBytes && _cache.Count > 0)
        {
            _cache.Policy.Eviction.Value!.Trim(1);
        }
    }

    private void EmitMetricsIfDue()
    {
        if (_metrics is null || Environment.TickCount64 - Interlocked.Read(ref _lastEmitTicks) < MetricsInterval.TotalMilliseconds)
        {
            return;
        }

        Interlocked.Exchange(ref _lastEmitTicks, Environment.TickCount64);
        var now = Statistics;
        var last = _lastEmitted;
        _lastEmitted = now;
        _metrics.Emit(
            [
                ("CacheHits", now.Hits - last.Hits, MetricUnit.Count),
                ("CacheMisses", now.Misses - last.Misses, MetricUnit.Count),
                ("CacheEvictions", now.Evictions - last.Evictions, MetricUnit.Count),
            ],
            [("entity", Settings.Entity)]);
    }

    /// <summary>A cached value and the weight booked for it.</summary>
    private sealed record Weighed(TValue? Value, long Weight);
}
