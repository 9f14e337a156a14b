using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Lambda.Errors;
using GymCoach.Sync.Data;

namespace GymCoach.Sync.Domain;

/// <summary>A page of changes and where the device stands after it.</summary>
public sealed record SyncPage(IReadOnlyList<SyncChange> Changes, SyncPosition Next, bool HasMore);

/// <summary>
/// What GET /sync answers. From a place in the log: the head (one consistent GetItem: all a sync with nothing
/// new costs), the entries after the place (one consistent Query), and the items they name as they are now (one
/// consistent BatchGetItem), each rendered as its GET renders it, or a tombstone when it is gone. Without a place:
/// the lifter's partition read in key order, after the head is read, so that whatever changes during the
/// snapshot comes again from the log.
/// </summary>
public sealed class SyncReader
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Partition pages a snapshot page reads at most (the partition also holds items that are not synced).</summary>
    private const int MaxQueriesPerPage = 4;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly ChangeLog _log;
    private readonly BatchOptimizer _batch;

    public SyncReader(IAmazonDynamoDB client, string table, ChangeLog log, BatchOptimizer batch)
    {
        _client = client;
        _table = table;
        _log = log;
        _batch = batch;
    }

    public Task<SyncPage> ReadAsync(string userId, SyncPosition position, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return position switch
        {
            SyncPosition.Log log => ChangesAsync(userId, log.Sequence, limit, cancellationToken),
            SyncPosition.Snapshot snapshot => SnapshotAsync(userId, snapshot, limit, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
    }

    private async Task<SyncPage> ChangesAsync(string userId, long after, int limit, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(userId, cancellationToken).ConfigureAwait(false);
        if (after > head)
        {
            throw new InvalidCursorException("The cursor is ahead of the change log.");
        }

        if (after == head)
        {
            return new SyncPage([], new SyncPosition.Log(head), false);
        }

        var entries = await _log.ReadAsync(userId, after, head, limit, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0 || entries[0].Sequence != after + 1)
        {
            // The entry right after the device's place is gone: the log no longer holds everything since then.
            throw new SyncCursorExpiredException();
        }

        var latest = new Dictionary<string, LogEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            latest[entry.SortKey] = entry;
        }

        var partition = Keys.User(userId);
        var found = await _batch.GetAsync(latest.Keys.Select(k => new ItemKey(partition, k)), consistentRead: true, cancellationToken).ConfigureAwait(false);
        if (found.Failed.Count > 0)
        {
            throw new StoreBusyException("The table did not return every changed item; sync again.");
        }

        var changes = new List<SyncChange>(latest.Count);
        foreach (var entry in latest.Values.OrderBy(e => e.Sequence))
        {
            if (SyncedKinds.SubjectOf(entry.SortKey) is not { } subject)
            {
                continue;
            }

            changes.Add(found.Items.TryGetValue(new ItemKey(partition, entry.SortKey), out var item)
                ? Change(subject, item, entry.Sequence, entry.At)
                : Tombstone(subject, entry.Sequence, entry.At));
        }

        var reached = entries[^1].Sequence;
        return new SyncPage(changes, new SyncPosition.Log(reached), reached < head);
    }

    private async Task<SyncPage> SnapshotAsync(string userId, SyncPosition.Snapshot position, int limit, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(userId, cancellationToken).ConfigureAwait(false);
        var from = position.Head ?? head;
        var partition = Keys.User(userId);
        var after = position.After;
        var changes = new List<SyncChange>();
        var ended = false;
        for (var query = 0; query < MaxQueriesPerPage && changes.Count < limit && !ended; query++)
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "#pk = :pk",
                    ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
                    ExpressionAttributeValues = new() { [":pk"] = Attributes.S(partition) },
                    ExclusiveStartKey = after is null ? null : new() { [Keys.PartitionKey] = Attributes.S(partition), [Keys.SortKey] = Attributes.S(after) },
                    ConsistentRead = true,
                    Limit = limit,
                },
                cancellationToken).ConfigureAwait(false);
            var items = response.Items ?? [];
            var read = 0;
            foreach (var item in items)
            {
                read++;
                after = item.GetRequiredString(Keys.SortKey);
                if (SyncedKinds.SubjectOf(after) is { } subject && SyncedKinds.Render(subject, item) is { } data)
                {
                    changes.Add(Upsert(subject, item, data, from));
                    if (changes.Count == limit)
                    {
                        break;
                    }
                }
            }

            ended = read == items.Count && response.LastEvaluatedKey is not { Count: > 0 };
        }

        return ended
            ? new SyncPage(changes, new SyncPosition.Log(from), false)
            : new SyncPage(changes, new SyncPosition.Snapshot(from, after), true);
    }

    /// <summary>The log's head; a lifter whose account is being deleted gets the platform's 409, read in the same request.</summary>
    private async Task<long> HeadAsync(string userId, CancellationToken cancellationToken)
    {
        var (head, deleting) = await _log.HeadAndFenceAsync(userId, cancellationToken).ConfigureAwait(false);
        return deleting ? throw new AccountDeletingException() : head;
    }

    private static SyncChange Change(ChangeSubject subject, Dictionary<string, AttributeValue> item, long sequence, string at) =>
        SyncedKinds.Render(subject, item) is { } data ? Upsert(subject, item, data, sequence) : Tombstone(subject, sequence, at);

    private static SyncChange Upsert(ChangeSubject subject, Dictionary<string, AttributeValue> item, System.Text.Json.JsonElement data, long sequence) => new()
    {
        Op = SyncChange.Upsert,
        Type = subject.Type,
        Id = subject.Id,
        SessionId = subject.SessionId,
        Seq = sequence,
        Version = item.GetLong(Keys.Version),
        Data = data,
    };

    private static SyncChange Tombstone(ChangeSubject subject, long sequence, string at) => new()
    {
        Op = SyncChange.Delete,
        Type = subject.Type,
        Id = subject.Id,
        SessionId = subject.SessionId,
        Seq = sequence,
        DeletedAt = at.Length > 0 ? at : null,
    };
}
