using GymCoach.Data.Caching;

namespace GymCoach.Data.Tests.Caching;

public sealed class LruEntityCacheTests
{
    private sealed record Value(string Owner, int N);

    [Fact]
    public async Task GetOrLoadAsync_ConcurrentMisses_LoadOnce()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 100, TimeSpan.FromMinutes(1)));
        var loads = 0;
        var gate = new TaskCompletionSource();

        var readers = Enumerable.Range(0, 50).Select(_ => cache.GetOrLoadAsync(CacheKey.ForUser("alice", "T"), async key =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return new Value(key.Owner, 1);
        }).AsTask()).ToList();
        gate.SetResult();
        await Task.WhenAll(readers);

        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task GetOrLoadAsync_TwoUsers_NeverShareAnEntry()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 100, TimeSpan.FromMinutes(1)));

        var alice = await cache.GetOrLoadAsync(CacheKey.ForUser("alice", "T"), k => Task.FromResult<Value?>(new Value(k.Owner, 1)));
        var bob = await cache.GetOrLoadAsync(CacheKey.ForUser("bob", "T"), k => Task.FromResult<Value?>(new Value(k.Owner, 2)));

        Assert.Equal("alice", alice!.Owner);
        Assert.Equal("bob", bob!.Owner);
    }

    [Fact]
    public async Task GetOrLoadAsync_NullLoad_IsNotCached()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 100, TimeSpan.FromMinutes(1)));
        var key = CacheKey.ForUser("alice", "T");

        var first = await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(null));
        var second = await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 3)));

        Assert.Null(first);
        Assert.Equal(3, second!.N);
    }

    [Fact]
    public async Task SetAndInvalidate_WriteThrough_ReplacesAndClears()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 100, TimeSpan.FromMinutes(1)));
        var key = CacheKey.ForUser("alice", "T");
        await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 1)));

        cache.Set(key, new Value("alice", 2));
        var afterSet = await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 99)));
        cache.Invalidate(key);
        var afterInvalidate = await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 3)));

        Assert.Equal(2, afterSet!.N);
        Assert.Equal(3, afterInvalidate!.N);
    }

    [Fact]
    public async Task GetOrLoadAsync_AfterTimeToLive_LoadsAgain()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 100, TimeSpan.FromMilliseconds(100)));
        var key = CacheKey.ForUser("alice", "T");
        await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 1)));

        await Task.Delay(300);
        var reloaded = await cache.GetOrLoadAsync(key, _ => Task.FromResult<Value?>(new Value("alice", 2)));

        Assert.Equal(2, reloaded!.N);
    }

    [Fact]
    public async Task Statistics_CountHitsMissesAndEvictions()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 3, TimeSpan.FromMinutes(1)));
        for (var i = 0; i < 10; i++)
        {
            await cache.GetOrLoadAsync(CacheKey.ForUser($"u{i}", "T"), k => Task.FromResult<Value?>(new Value(k.Owner, 0)));
        }

        await cache.GetOrLoadAsync(CacheKey.ForUser("u9", "T"), k => Task.FromResult<Value?>(new Value(k.Owner, 0)));

        var stats = cache.Statistics;
        Assert.Equal(10, stats.Misses);
        Assert.Equal(1, stats.Hits);
        Assert.True(stats.Evictions > 0);
    }

    [Fact]
    public void ForUser_BlankUser_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => CacheKey.ForUser("", "T"));
    }

    [Fact]
    public async Task Statistics_TryGetMissThenLoad_CountsOneMiss()
    {
        var cache = new LruEntityCache<Value>(new CacheSettings("T", 10, TimeSpan.FromMinutes(1)));
        var key = CacheKey.ForUser("u1", "T");

        Assert.False(cache.TryGet(key, out _));
        await cache.GetOrLoadAsync(key, k => Task.FromResult<Value?>(new Value(k.Owner, 0)));
        Assert.True(cache.TryGet(key, out _));

        Assert.Equal(1, cache.Statistics.Misses);
        Assert.Equal(1, cache.Statistics.Hits);
    }

    [Fact]
    public void Set_PastTheByteBudget_TrimsTheColdestUntilTheTotalFits()
    {
        var cache = new LruEntityCache<string>(new CacheSettings("Weighed", 100, TimeSpan.FromMinutes(1), MaxBytes: 1000), weigh: v => v.Length);
        for (var i = 0; i < 10; i++)
        {
            cache.Set(CacheKey.Shared("Weighed", "k" + i), new string('x', 200));
        }

        Assert.InRange(cache.Bytes, 1, 1000);
        Assert.Equal(cache.Bytes / 200, cache.Count);
        Assert.True(cache.TryGet(CacheKey.Shared("Weighed", "k9"), out _)); // the newest stays
        Assert.False(cache.TryGet(CacheKey.Shared("Weighed", "k0"), out _)); // the coldest went
    }

    [Fact]
    public async Task GetOrLoad_EntryHeavierThanAQuarterOfTheBudget_IsServedButNotKept()
    {
        var cache = new LruEntityCache<string>(new CacheSettings("Weighed", 100, TimeSpan.FromMinutes(1), MaxBytes: 1000), weigh: v => v.Length);
        var loads = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(300, (await cache.GetOrLoadAsync(CacheKey.Shared("Weighed", "big"), _ => { loads++; return Task.FromResult<string?>(new string('x', 300)); }))!.Length);
        }

        Assert.Equal(3, loads);
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Bytes_EntriesRemovedOrExpired_AreGivenBack()
    {
        var cache = new LruEntityCache<string>(new CacheSettings("Weighed", 100, TimeSpan.FromMilliseconds(100), MaxBytes: 1000), weigh: v => v.Length);
        cache.Set(CacheKey.Shared("Weighed", "a"), new string('x', 100));
        cache.Set(CacheKey.Shared("Weighed", "b"), new string('x', 50));
        cache.Set(CacheKey.Shared("Weighed", "b"), new string('x', 70)); // replaced: weighs its new value only
        Assert.Equal(170, cache.Bytes);

        cache.Invalidate(CacheKey.Shared("Weighed", "a"));
        Assert.Equal(70, cache.Bytes);
        await Task.Delay(300);
        Assert.False(cache.TryGet(CacheKey.Shared("Weighed", "b"), out _));
        cache.Set(CacheKey.Shared("Weighed", "c"), new string('x', 10));

        Assert.Equal(10, cache.Bytes);
    }
}
