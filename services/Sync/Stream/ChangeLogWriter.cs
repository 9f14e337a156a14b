using GymCoach.Data;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Sync.Data;
using GymCoach.Sync.Domain;

namespace GymCoach.Sync.Stream;

/// <summary>
/// The stream consumer that keeps every lifter's change log: a batch's records of synced items, grouped by user
/// (one partition, one shard: in order, never two batches at once), appended to that user's log in one go. A
/// record delivered again is appended again, which a reader tolerates: an entry names an item, and an item
/// rendered twice is the same upsert. Grouping, parallelism, poison records and the partial-batch answer are the
/// stream kernel's (<see cref="PartitionBatch{TKey, TUnit}"/>).
/// </summary>
public sealed class ChangeLogWriter : IStreamBatchHandler
{
    /// <summary>Users appended at once: two or three requests each.</summary>
    public const int ParallelUsers = 8;

    private readonly ChangeLog _log;
    private readonly TimeProvider _time;
    private readonly LambdaLogger _logger;

    public ChangeLogWriter(ChangeLog log, TimeProvider time, LambdaLogger logger)
    {
        _log = log;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context)
    {
        var batch = PartitionBatch<string, List<ItemChange>>.Group(
            records,
            Classify,
            change => change.UserId,
            _ => [],
            (changes, change) =>
            {
                changes.Add(change.Change);
                return changes;
            },
            _logger);
        return await batch.RunAsync((userId, changes, token) => _log.AppendAsync(userId, changes, token), ParallelUsers, "Change log", _logger, context.CancellationToken).ConfigureAwait(false);
    }

    private UserChange? Classify(StreamRecord record)
    {
        UserItemKey? key;
        try
        {
            key = UserItemKey.Of(record);
        }
        catch (FormatException ex)
        {
            // Not a lifter's item (a partition with no user in it): nothing to log. Skipped, never retried: this
            // mapping retries without end, so a record that can never succeed would hold the shard.
            _logger.Write(LogLevel.Error, $"Record {record.SequenceNumber} is skipped: {ex.Message}");
            return null;
        }

        if (key is null || SyncedKinds.SubjectOf(key.SortKey) is null)
        {
            return null;
        }

        return new UserChange(key.UserId, new ItemChange(key.SortKey, record.EventName == StreamEventName.Remove, record.ApproximateCreationTime ?? _time.GetUtcNow()));
    }

    private sealed record UserChange(string UserId, ItemChange Change);
}
