using BitFaster.Caching;
using BitFaster.Caching.Lru;
using GymCoach.Lambda.Logging;

namespace GymCoach.Data.Caching;

/// <summary>
/// <see cref="IEntityCache{TValue}"/> on BitFaster's ConcurrentLru: bounded, expire-after-write, and with
/// atomic get-or-add so a burst of misses on one key does the I/O once. Hit, miss and eviction counts go out
/// as EMF metrics at most once a minute.
/// </summary>
public sealed class LruEntityCache<TValue> : IEntityCache<TValue>
    where TValue : class
{
    private static readonly TimeSpan MetricsInterval = TimeSpan.FromMinutes(1);

    private readonly IAsyncCache<CacheKey, TValue?> _cache;
    private readonly Metrics? _metrics;
    private long _evictions;
    private long _loads;
    private long _lastEmitTicks = Environment.TickCount64;
    private CacheStatistics _lastEmitted;

    public LruEntityCache(CacheSettings settings, Metrics? metrics = null)
    {
        Settings = settings;
        _metrics = metrics;
        _cache = new ConcurrentLruBuilder<CacheKey, TValue?>()
            .WithCapacity(settings.Capacity)
            .WithExpireAfterWrite(settings.TimeToLive)
            .WithMetrics()
            .WithAtomicGetOrAdd()
            .AsAsyncCache()
            .Build();
        if (_cache.Events.HasValue)
        {
            _cache.Events.Value!.ItemRemoved += (_, e) =>
            {
                if (e.Reason == ItemRemovedReason.Evicted)
                {
                    Interlocked.Increment(ref _evictions);
                }
            };
        }
    }

    public CacheSettings Settings { get; }

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

    public bool TryGet(CacheKey key, out TValue? value) => _cache.TryGet(key, out value) && value is not null;

    public async ValueTask<TValue?> GetOrLoadAsync(CacheKey key, Func<CacheKey, Task<TValue?>> load)
    {
        var value = await _cache.GetOrAddAsync(key, static (k, state) =>
        {
            Interlocked.Increment(ref state.Cache._loads);
            return state.Load(k);
        }, (Cache: this, Load: load)).ConfigureAwait(false);
        if (value is null)
        {
            _cache.TryRemove(key);
        }

        EmitMetricsIfDue();
        return value;
    }

    public void Set(CacheKey key, TValue value) => _cache.AddOrUpdate(key, value);

    public void Invalidate(CacheKey key) => _cache.TryRemove(key);

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
}
