namespace GymCoach.Data.Caching;

/// <summary>
/// The in-process cache one entity's repository reads through. A miss loads once however many callers ask
/// at the same moment; a write in this process invalidates or replaces the entry.
/// </summary>
public interface IEntityCache<TValue>
    where TValue : class
{
    CacheSettings Settings { get; }

    CacheStatistics Statistics { get; }

    /// <summary>The cached value, without loading: the allocation-free hit path.</summary>
    bool TryGet(CacheKey key, out TValue? value);

    /// <summary>The cached value, or the loaded one. A null load is not cached (a 404 must not outlive the create).</summary>
    ValueTask<TValue?> GetOrLoadAsync(CacheKey key, Func<CacheKey, Task<TValue?>> load);

    /// <summary>Stores the value a write just produced (write-through).</summary>
    void Set(CacheKey key, TValue value);

    void Invalidate(CacheKey key);
}
