using GymCoach.Lambda.Runtime;

namespace GymCoach.Data.Batching;

/// <summary>
/// Runs independent queries (the pieces of a dashboard) in parallel up to a bound, and stops at the Lambda
/// deadline: what finished is returned, what did not is marked, so the handler can answer with partial data
/// instead of being killed with none.
/// </summary>
public static class FanOut
{
    /// <summary>Time kept back before the deadline to serialize and send whatever finished.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(250);

    public static async Task<FanOutResult<T>> RunAsync<T>(
        IReadOnlyList<Func<CancellationToken, Task<T>>> work,
        int maxParallelism,
        DateTimeOffset deadline,
        CancellationToken cancellationToken = default,
        TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var results = new T?[work.Count];
        var completed = new bool[work.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var available = deadline - now - DeadlineMargin;
        stop.CancelAfter(available > TimeSpan.Zero ? available : TimeSpan.Zero);
        var timedOut = false;
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, work.Count),
                new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = stop.Token },
                async (i, ct) =>
                {
                    results[i] = await work[i](ct).ConfigureAwait(false);
                    completed[i] = true;
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
        }

        return new FanOutResult<T>(results, completed, timedOut);
    }

    /// <summary>Fan-out bounded by an invocation's own deadline.</summary>
    public static Task<FanOutResult<T>> RunAsync<T>(IReadOnlyList<Func<CancellationToken, Task<T>>> work, int maxParallelism, InvocationContext invocation) =>
        RunAsync(work, maxParallelism, invocation.Deadline, invocation.CancellationToken);
}

/// <summary>Results by position; <see cref="Completed"/> says which are real.</summary>
public sealed record FanOutResult<T>(IReadOnlyList<T?> Results, IReadOnlyList<bool> Completed, bool TimedOut)
{
    public bool AllCompleted => Completed.All(c => c);
}
