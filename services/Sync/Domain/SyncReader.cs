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
            SyncPosition.Log log => ChangesAsync(userId, log, limit, cancellationToken),
            SyncPosition.Snapshot snapshot => SnapshotAsync(userId, snapshot, limit, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
    }

    private async Task<SyncPage> ChangesAsync(string userId, SyncPosition.Log position, int limit, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(userId, cancellationToken).ConfigureAwait(false);
        if (!Continues(position.Sequence, position.Epoch, head))
        {
            throw new SyncCursorExpiredException();
        }

        var after = position.Sequence;
        if (after == head.Sequence)
        {
            return new SyncPage([], new SyncPosition.Log(head.Sequence, head.Epoch), false);
        }

        var entries = await _log.ReadAsync(userId, after, head.Sequence, limit, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Sequence != after + 1 + i)
            {
                // An entry the device has not seen is gone (its time to live passed): the log no longer holds
                // everything since the device's place, wherever on the page the gap is.
                throw new SyncCursorExpiredException();
            }
        }

        if (entries.Count == 0)
        {
            throw new SyncCursorExpiredException();
        }

        var latest = new Dictionary<string, LogEntry>(StringComparer.Ordinal);
        var removedAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            latest[entry.SortKey] = entry;
            if (entry.Removed)
            {
                removedAt[entry.SortKey] = entry.At;
            }
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

            // Gone: when the log saw it go (a later write the log has not reached yet may be why it is gone, then its time comes with it).
            var goneAt = removedAt.GetValueOrDefault(entry.SortKey, entry.At);
            changes.Add(found.Items.TryGetValue(new ItemKey(partition, entry.SortKey), out var item)
                ? Change(subject, item, entry.Sequence, goneAt)
                : Tombstone(subject, entry.Sequence, goneAt));
        }

        var reached = entries[^1].Sequence;
        return new SyncPage(changes, new SyncPosition.Log(reached, head.Epoch), reached < head.Sequence);
    }

    private async Task<SyncPage> SnapshotAsync(string userId, SyncPosition.Snapshot position, int limit, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(userId, cancellationToken).ConfigureAwait(false);
        var (from, epoch) = position is { Head: { } started, Epoch: { } startedIn } ? (started, startedIn) : (head.Sequence, head.Epoch);
        if (!Continues(from, epoch, head))
        {
            // The log began again (the account deleted and its id used again) while the snapshot was read.
            throw new SyncCursorExpiredException();
        }

        var partition = Keys.User(userId);
        var after = position.After;
        var changes = new List<SyncChange>();
        var discarded = new HashSet<string>(StringComparer.Ordinal);
        var ended = false;
        for (var query = 0; query < MaxQueriesPerPage && changes.Count < limit && !ended; query++)
        {
            // The partition in two ranges around the change log (up to a month of entries, never read here): the
            // items before SYNC, then those after SYNC$.
            var beforeLog = after is null || string.CompareOrdinal(after, Keys.SyncHead) < 0;
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = beforeLog ? "#pk = :pk AND #sk < :bound" : "#pk = :pk AND #sk > :bound",
                    ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                    ExpressionAttributeValues = new() { [":pk"] = Attributes.S(partition), [":bound"] = Attributes.S(beforeLog ? Keys.SyncHead : Keys.SyncLogEnd) },
                    ExclusiveStartKey = after is null || after == Keys.SyncLogEnd ? null : new() { [Keys.PartitionKey] = Attributes.S(partition), [Keys.SortKey] = Attributes.S(after) },
                    ConsistentRead = true,
                    Limit = limit,
                },
                cancellationToken).ConfigureAwait(false);
            var items = response.Items ?? [];
            var read = 0;
            foreach (var item in items)
            {
                read++;
                var sortKey = item.GetRequiredString(Keys.SortKey);
                after = sortKey;
                if (SyncedKinds.SubjectOf(sortKey) is not { } subject || (subject.SessionId is { } session && discarded.Contains(session)))
                {
                    continue;
                }

                if (SyncedKinds.Render(subject, item) is { } data)
                {
                    changes.Add(Upsert(subject, item, data, from));
                    if (changes.Count == limit)
                    {
                        break;
                    }
                }
                else if (subject.Type == SyncedKinds.Session)
                {
                    // A discarded session's sets (next in key order) are on their way out with it.
                    discarded.Add(subject.Id);
                }
            }

            if (read == items.Count && response.LastEvaluatedKey is not { Count: > 0 })
            {
                // This range is done: the one after the log next, or the end.
                ended = !beforeLog;
                after = beforeLog ? Keys.SyncLogEnd : after;
            }
        }

        return ended
            ? new SyncPage(changes, new SyncPosition.Log(from, epoch), false)
            : new SyncPage(changes, new SyncPosition.Snapshot(from, epoch, after), true);
    }

    /// <summary>Whether a place (<paramref name="sequence"/> in <paramref name="epoch"/>) can be continued from <paramref name="head"/>: same epoch, not ahead of it.</summary>
    private static bool Continues(long sequence, string epoch, LogHead head) =>
        epoch == head.Epoch && sequence <= head.Sequence;

    /// <summary>
    /// The log's head; a lifter whose account is being deleted gets the platform's 409, read in the same request.
    /// A lifter without a live log gets one started (one conditional write), so the place handed out names its epoch.
    /// </summary>
    private async Task<LogHead> HeadAsync(string userId, CancellationToken cancellationToken)
    {
        var (head, deleting) = await _log.HeadAndFenceAsync(userId, cancellationToken).ConfigureAwait(false);
        if (deleting)
        {
            throw new AccountDeletingException();
        }

        return head.Epoch == LogHead.None ? await _log.StartAsync(userId, cancellationToken).ConfigureAwait(false) : head;
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
