using System.Collections.Concurrent;

namespace GymCoach.Data.Batching;

/// <summary>
/// Concurrent identical reads in one process share one request: the first caller runs it, the others await
/// the same task. It stops a burst of dashboard requests from fanning out into a burst of identical queries.
/// </summary>
public sealed class SingleFlight<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<TValue>> _inFlight = new();

    /// <summary>How many distinct reads are running now.</summary>
    public int InFlight => _inFlight.Count;

    public Task<TValue> RunAsync(TKey key, Func<TKey, Task<TValue>> read)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            var completion = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, completion.Task))
            {
                _ = RunLeaderAsync(key, read, completion);
                return completion.Task;
            }
        }
    }

    private async Task RunLeaderAsync(TKey key, Func<TKey, Task<TValue>> read, TaskCompletionSource<TValue> completion)
    {
        try
        {
            completion.TrySetResult(await read(key).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex)
        {
            completion.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<TKey, Task<TValue>>(key, completion.Task));
        }
    }
}
