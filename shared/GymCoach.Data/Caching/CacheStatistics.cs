namespace GymCoach.Data.Caching;

/// <summary>Counters since the cache was created.</summary>
public readonly record struct CacheStatistics(long Hits, long Misses, long Evictions);
