using GymCoach.Data.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace GymCoach.Benchmarks;

/// <summary>
/// The measured baseline: <see cref="IEntityCache{TValue}"/> over Microsoft's IMemoryCache. Not atomic on a
/// miss (concurrent callers may each load), which is one reason the services use BitFaster.
/// </summary>
public sealed class MemoryEntityCache<TValue> : IEntityCache<TValue>, IDisposable
    where TValue : class
{
    private readonly MemoryCache _cache;
    private long _hits;
    private long _misses;

    public MemoryEntityCache(CacheSettings settings)
    {
        Settings = settings;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Capacity });
    }

    public CacheSettings Settings { get; }

    public CacheStatistics Statistics => new(Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), 0);

    public bool TryGet(CacheKey key, out TValue? value) => _cache.TryGetValue(key, out value);

    public async ValueTask<TValue?> GetOrLoadAsync(CacheKey key, Func<CacheKey, Task<TValue?>> load)
    {
        if (_cache.TryGetValue(key, out TValue? cached))
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var value = await load(key).ConfigureAwait(false);
        if (value is not null)
        {
            Set(key, value);
        }

        return value;
    }

    public void Set(CacheKey key, TValue value) =>
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Settings.TimeToLive });

    public void Invalidate(CacheKey key) => _cache.Remove(key);

    public void Dispose() => _cache.Dispose();
}
