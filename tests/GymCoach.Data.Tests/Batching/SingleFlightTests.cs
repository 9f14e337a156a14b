using GymCoach.Data.Batching;

namespace GymCoach.Data.Tests.Batching;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task RunAsync_ConcurrentIdenticalReads_ShareOneCall()
    {
        var flight = new SingleFlight<string, int>();
        var calls = 0;
        var gate = new TaskCompletionSource();

        var readers = Enumerable.Range(0, 20).Select(_ => flight.RunAsync("dashboard:alice", async _ =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return 42;
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(readers);

        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Equal(42, r));
        Assert.Equal(0, flight.InFlight);
    }

    [Fact]
    public async Task RunAsync_AfterCompletion_ReadsAgain()
    {
        var flight = new SingleFlight<string, int>();
        var calls = 0;

        await flight.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref calls)));
        var second = await flight.RunAsync("k", _ => Task.FromResult(Interlocked.Increment(ref calls)));

        Assert.Equal(2, second);
    }

    [Fact]
    public async Task RunAsync_ReadFails_EveryWaiterSeesTheErrorAndTheKeyIsFreed()
    {
        var flight = new SingleFlight<string, int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => flight.RunAsync("k", _ => Task.FromException<int>(new InvalidOperationException())));
        var retry = await flight.RunAsync("k", _ => Task.FromResult(5));

        Assert.Equal(5, retry);
    }
}
