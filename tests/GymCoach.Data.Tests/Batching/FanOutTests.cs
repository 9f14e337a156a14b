using GymCoach.Data.Batching;

namespace GymCoach.Data.Tests.Batching;

public sealed class FanOutTests
{
    [Fact]
    public async Task RunAsync_AllFinishInTime_ReturnsEveryResult()
    {
        var work = Enumerable.Range(0, 8).Select(i => (Func<CancellationToken, Task<int>>)(async ct =>
        {
            await Task.Delay(10, ct);
            return i * i;
        })).ToList();

        var result = await FanOut.RunAsync(work, 3, DateTimeOffset.UtcNow.AddSeconds(10));

        Assert.True(result.AllCompleted);
        Assert.Equal([0, 1, 4, 9, 16, 25, 36, 49], result.Results);
    }

    [Fact]
    public async Task RunAsync_SlowQuery_StopsAtTheDeadlineWithPartialResults()
    {
        var work = new List<Func<CancellationToken, Task<string>>>
        {
            _ => Task.FromResult("fast"),
            async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return "slow";
            },
        };

        var started = DateTime.UtcNow;
        var result = await FanOut.RunAsync(work, 2, DateTimeOffset.UtcNow.AddMilliseconds(600));

        Assert.True(result.TimedOut);
        Assert.True(result.Completed[0]);
        Assert.False(result.Completed[1]);
        Assert.Equal("fast", result.Results[0]);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_BoundedParallelism_NeverExceedsTheBound()
    {
        var running = 0;
        var peak = 0;
        var work = Enumerable.Range(0, 12).Select(_ => (Func<CancellationToken, Task<int>>)(async ct =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return 0;
        })).ToList();

        await FanOut.RunAsync(work, 3, DateTimeOffset.UtcNow.AddSeconds(10));

        Assert.InRange(peak, 1, 3);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
