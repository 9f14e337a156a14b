using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BitFaster.Caching.Lru;
using GymCoach.Data.Caching;
using GymCoach.Data.Contracts;

namespace GymCoach.Benchmarks;

/// <summary>Cache hit and miss: raw BitFaster ConcurrentLru, our LruEntityCache on it, and the IMemoryCache baseline.</summary>
[MemoryDiagnoser]
[InProcessJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
public class CacheBenchmarks
{
    private static readonly Func<CacheKey, Task<Entry?>> Load = key => Task.FromResult<Entry?>(new Entry(key.Owner));
    private readonly CacheKey _hot = CacheKey.ForUser("alice", EntityTypes.Profile);
    private readonly CacheSettings _settings = new(EntityTypes.Profile, 10_000, TimeSpan.FromMinutes(10));
    private ConcurrentLru<CacheKey, Entry> _raw = null!;
    private LruEntityCache<Entry> _lru = null!;
    private MemoryEntityCache<Entry> _memory = null!;
    private CacheKey[] _cold = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new ConcurrentLru<CacheKey, Entry>(10_000);
        _lru = new LruEntityCache<Entry>(_settings);
        _memory = new MemoryEntityCache<Entry>(_settings);
        _raw.GetOrAdd(_hot, k => new Entry(k.Owner));
        _lru.Set(_hot, new Entry("alice"));
        _memory.Set(_hot, new Entry("alice"));
        _cold = Enumerable.Range(0, 1 << 20).Select(i => CacheKey.ForUser("u" + i, EntityTypes.Profile)).ToArray();
    }

    [Benchmark(Baseline = true)]
    public Entry Hit_RawConcurrentLru() => _raw.GetOrAdd(_hot, k => new Entry(k.Owner));

    [Benchmark]
    public ValueTask<Entry?> Hit_LruEntityCache() => _lru.GetOrLoadAsync(_hot, Load);

    [Benchmark]
    public Entry? Hit_LruEntityCache_TryGet() => _lru.TryGet(_hot, out var value) ? value : null;

    [Benchmark]
    public ValueTask<Entry?> Hit_MemoryCacheBaseline() => _memory.GetOrLoadAsync(_hot, Load);

    [Benchmark]
    public ValueTask<Entry?> Miss_LruEntityCache() => _lru.GetOrLoadAsync(_cold[_next++ & ((1 << 20) - 1)], Load);

    [Benchmark]
    public ValueTask<Entry?> Miss_MemoryCacheBaseline() => _memory.GetOrLoadAsync(_cold[_next++ & ((1 << 20) - 1)], Load);

    public sealed record Entry(string Owner);
}
