using System.Collections.Concurrent;
using System.Net.Sockets;
using GymCoach.Local.Emulation;

namespace GymCoach.Local.Tests.Emulation;

/// <summary>
/// The pool's slot accounting when an instance cannot be started: whatever the start throws, the invoke is
/// answered as a failed environment and its concurrency slot is given back.
/// </summary>
public sealed class FunctionPoolTests
{
    private static readonly FunctionSpec Spec = new("FlakyFunction", "/nonexistent/bootstrap", new Dictionary<string, string>(), 128, TimeSpan.FromSeconds(3), ConcurrencyLimit: 1, "bootstrap");

    public static TheoryData<string> StartFailures() => ["io", "socket", "canceled", "aggregate"];

    [Theory]
    [MemberData(nameof(StartFailures))]
    public async Task InvokeAsync_StartThrows_AnswersCrashedLogsItAndFreesTheSlot(string failure)
    {
        var log = new ConcurrentQueue<string>();
        var starts = 0;
        await using var pool = new FunctionPool(Spec, log.Enqueue, TimeSpan.FromMinutes(1), maxInstances: 0, (_, _, _) =>
        {
            Interlocked.Increment(ref starts);
            return Task.FromException<FunctionInstance>(Failure(failure));
        });

        var first = await pool.InvokeAsync([]);
        var second = await pool.InvokeAsync([]);

        Assert.Equal(InvokeStatus.Crashed, first.Status);
        Assert.True(first.ColdStart);
        Assert.Equal(InvokeStatus.Crashed, second.Status); // not Throttled: the first start's slot came back
        Assert.Equal(2, starts);
        Assert.Equal(0, pool.InstanceCount);
        Assert.Equal(2, log.Count(l => l.StartsWith("[FlakyFunction] could not start an instance: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentStartsAllThrow_EveryInvokeIsAnsweredAndNoSlotLeaks()
    {
        var spec = Spec with { ConcurrencyLimit = 4 };
        await using var pool = new FunctionPool(spec, _ => { }, TimeSpan.FromMinutes(1), maxInstances: 0, async (_, _, _) =>
        {
            await Task.Delay(20);
            throw new IOException("Too many open files");
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => pool.InvokeAsync([])));
        var after = await pool.InvokeAsync([]);

        Assert.All(outcomes, o => Assert.True(o.Status is InvokeStatus.Crashed or InvokeStatus.Throttled, o.Status.ToString()));
        Assert.Equal(InvokeStatus.Crashed, after.Status);
    }

    [Fact]
    public async Task InvokeAsync_MoreInvokesThanMaxInstances_TheRestWaitInsteadOfStartingMore()
    {
        var spec = Spec with { ConcurrencyLimit = 10 };
        var starting = 0;
        var mostAtOnce = 0;
        await using var pool = new FunctionPool(spec, _ => { }, TimeSpan.FromMinutes(1), maxInstances: 2, async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref starting);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Delay(50);
            Interlocked.Decrement(ref starting);
            throw new IOException("no instance in this test");
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => pool.InvokeAsync([])));

        Assert.All(outcomes, o => Assert.Equal(InvokeStatus.Crashed, o.Status)); // every one waited and had its turn
        Assert.Equal(2, mostAtOnce);
    }

    [Fact]
    public async Task InvokeAsync_WaitingInvokesReachTheConcurrencyLimit_TheNextIsThrottled()
    {
        var spec = Spec with { ConcurrencyLimit = 3 };
        var release = new TaskCompletionSource();
        await using var pool = new FunctionPool(spec, _ => { }, TimeSpan.FromMinutes(1), maxInstances: 1, async (_, _, _) =>
        {
            await release.Task;
            throw new IOException("no instance in this test");
        });

        var inFlight = Enumerable.Range(0, 3).Select(_ => pool.InvokeAsync([])).ToList(); // one starting, two waiting
        var beyond = await pool.InvokeAsync([]);
        release.SetResult();
        var admitted = await Task.WhenAll(inFlight);

        Assert.Equal(InvokeStatus.Throttled, beyond.Status);
        Assert.All(admitted, o => Assert.Equal(InvokeStatus.Crashed, o.Status));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static Exception Failure(string kind) => kind switch
    {
        "io" => new IOException("Too many open files"),
        "socket" => new SocketException((int)SocketError.AddressAlreadyInUse),
        "canceled" => new OperationCanceledException("stopping the runtime API took too long"),
        _ => new AggregateException(new InvalidOperationException("no process")),
    };
}
