using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Logging;

namespace GymCoach.Data.Streams;

/// <summary>
/// The part every stream consumer of the table shares: a batch's records grouped into units of work (by user, or
/// by user and job), each unit run once for all its records with bounded parallelism, and the answer Lambda's
/// partial-batch response needs: the index of the first record not applied. One user's items share a
/// partition, hence a shard, so they arrive in order and never in two batches at once; units of different users
/// are independent and run side by side.
/// </summary>
/// <remarks>
/// <para>Poison records: a record the consumer cannot classify (its <c>classify</c> throws
/// <see cref="FormatException"/>) stops the grouping there. Everything before it is applied; it and every later
/// record are reported for retry, and in the end the mapping's failure destination.</para>
/// <para>Failures: a unit that throws is reported from its first record: that record and every later one are
/// retried (earlier units' later records are then applied again, which a consumer must tolerate: it is
/// idempotent). A unit not started before the invocation's token fires is reported the same way.</para>
/// <para>An account being deleted (<see cref="AccountDeletingException"/>, the fence refusing a write) ends a
/// unit for good and is no failure: retrying would be refused the same way, and the deletion removes what the
/// unit wrote.</para>
/// </remarks>
/// <typeparam name="TKey">What identifies a unit (a user id; a user and job id).</typeparam>
/// <typeparam name="TUnit">What a unit gathers from its records (the changed sessions, say).</typeparam>
public sealed class PartitionBatch<TKey, TUnit>
    where TKey : notnull
{
    private readonly List<WorkUnit> _groups = [];
    private readonly Dictionary<TKey, int> _byKey = [];

    private PartitionBatch(int readable)
    {
        Readable = readable;
    }

    /// <summary>How many leading records could be classified: the batch is applied up to here at most.</summary>
    public int Readable { get; private set; }

    /// <summary>The units in the order of their first record.</summary>
    public IEnumerable<(TKey Key, TUnit Unit)> Units => _groups.Select(g => (g.Key, g.Unit));

    /// <summary>
    /// Groups <paramref name="records"/>: <paramref name="classify"/> reads what a record means to the consumer
    /// (null: nothing to do, skipped), <paramref name="keyOf"/> names the unit it belongs to, <paramref name="create"/>
    /// starts a unit at its first record, <paramref name="add"/> folds each record's meaning into its unit. Each
    /// record is classified once.
    /// </summary>
    public static PartitionBatch<TKey, TUnit> Group<TItem>(
        IReadOnlyList<StreamRecord> records, Func<StreamRecord, TItem?> classify, Func<TItem, TKey> keyOf, Func<TKey, TUnit> create, Func<TUnit, TItem, TUnit> add, LambdaLogger log)
        where TItem : class
    {
        var batch = new PartitionBatch<TKey, TUnit>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            TItem? item;
            try
            {
                item = classify(records[i]);
            }
            catch (FormatException ex)
            {
                log.Write(LogLevel.Error, $"Record {records[i].SequenceNumber} cannot be applied ({ex.Message}); it and every later record are reported for retry, then the failure destination.");
                batch.Readable = i;
                break;
            }

            if (item is null)
            {
                continue;
            }

            var key = keyOf(item);
            if (!batch._byKey.TryGetValue(key, out var index))
            {
                index = batch._groups.Count;
                batch._byKey.Add(key, index);
                batch._groups.Add(new WorkUnit(i, records[i].SequenceNumber, key, create(key)));
            }

            var group = batch._groups[index];
            batch._groups[index] = group with { Unit = add(group.Unit, item) };
        }

        return batch;
    }

    /// <summary>
    /// Runs the units matching <paramref name="include"/> (all by default), at most <paramref name="parallelism"/>
    /// at once, and answers the index of the first record not applied (<see cref="Readable"/> when all were).
    /// </summary>
    public async ValueTask<int> RunAsync(
        Func<TKey, TUnit, CancellationToken, Task> run, int parallelism, string what, LambdaLogger log, CancellationToken cancellationToken, Func<TKey, bool>? include = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var failedFrom = Readable;
        var gate = new Lock();
        void Fail(int first)
        {
            lock (gate)
            {
                failedFrom = Math.Min(failedFrom, first);
            }
        }

        var units = include is null ? _groups : _groups.Where(g => include(g.Key)).ToList();
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (group, _) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Fail(group.First);
                return;
            }

            try
            {
                await run(group.Key, group.Unit, cancellationToken).ConfigureAwait(false);
            }
            catch (AccountDeletingException)
            {
                log.Write(LogLevel.Info, $"{what} of record {group.SequenceNumber} stopped: the account is being deleted.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The deadline's margin, not a fault: the unit's records are retried by the next invocation.
                log.Write(LogLevel.Warn, $"{what} of record {group.SequenceNumber} stopped at the deadline; it is retried.");
                Fail(group.First);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.Write(LogLevel.Error, $"{what} of record {group.SequenceNumber} failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
                Fail(group.First);
            }
        }).ConfigureAwait(false);

        if (failedFrom < Readable && cancellationToken.IsCancellationRequested)
        {
            log.Write(LogLevel.Warn, $"Deadline near: records from {failedFrom} on are left for a retry.");
        }

        return failedFrom;
    }

    private sealed record WorkUnit(int First, string SequenceNumber, TKey Key, TUnit Unit);
}
