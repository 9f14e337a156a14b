using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Contracts;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;

namespace GymCoach.Sync.Data;

/// <summary>
/// A lifter's change log, in their own partition: a head (<c>SYNC</c>, the newest sequence) and one entry per
/// change (<c>SYNC#sequence</c>). Only the stream consumer appends, one batch of a partition at a time, and it
/// moves the head in the same transaction as the entries, on the condition that the head is still what it read.
/// So sequences are dense and in the stream's order, which for one partition is commit order: a reader that
/// reads the head and then the entries up to it, both consistently, sees every change before that head, whatever
/// the device clocks said and however far the indexes lag.
/// </summary>
public sealed class ChangeLog
{
    /// <summary>Entries per transaction: with the head and the deletion fence, DynamoDB's 100 items.</summary>
    public const int MaxEntriesPerWrite = 98;

    /// <summary>How long entries are kept (the table's TTL removes them): a day more than a sync position lives.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(31);

    private const string SequenceAttribute = "seq";
    private const string KeyAttribute = "key";
    private const string RemovedAttribute = "removed";
    private const string AtAttribute = "at";
    private const string EpochAttribute = "epoch";
    private const int MaxHeadAttempts = 5;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;
    private readonly BatchOptimizer _batch;

    public ChangeLog(IAmazonDynamoDB client, string table, TimeProvider time)
    {
        _client = client;
        _table = table;
        _time = time;
        _batch = new BatchOptimizer(client, table);
    }

    /// <summary>
    /// Appends <paramref name="changes"/> (one partition's, in stream order). An item changed several times gets
    /// one entry, at the place of its last change: a reader renders the item as it is, so the earlier ones would
    /// say nothing more. Written in transactions of <see cref="MaxEntriesPerWrite"/>.
    /// </summary>
    public async Task AppendAsync(string userId, IReadOnlyList<ItemChange> changes, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            last[changes[i].SortKey] = i;
        }

        var ordered = Enumerable.Range(0, changes.Count).Where(i => last[changes[i].SortKey] == i).Select(i => changes[i]).ToList();
        var head = await StoredHeadAsync(userId, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ordered.Chunk(MaxEntriesPerWrite))
        {
            // Each chunk's head write is what the next one is conditioned on: read again only when another moved it.
            head = await AppendChunkAsync(userId, chunk, head, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Entries after <paramref name="after"/> up to <paramref name="upTo"/>, oldest first, at most <paramref name="limit"/>: one consistent Query.</summary>
    public async Task<IReadOnlyList<LogEntry>> ReadAsync(string userId, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = Attributes.S(Keys.User(userId)),
                    [":from"] = Attributes.S(Keys.SyncLog(after + 1)),
                    [":to"] = Attributes.S(Keys.SyncLog(upTo)),
                },
                ConsistentRead = true,
                Limit = limit,
            },
            cancellationToken).ConfigureAwait(false);
        // An entry past its time to live is gone, whether or not the table's TTL has removed it yet (it does so
        // lazily and in no order): a reader must see the same gap either way.
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return (response.Items ?? []).Where(item => !Expired(item, now)).Select(item => new LogEntry(
            item.GetLong(SequenceAttribute) ?? throw new InvalidDataException("A change log entry has no sequence."),
            item.GetString(KeyAttribute) ?? throw new InvalidDataException("A change log entry names no item."),
            item.GetBool(RemovedAttribute) ?? false,
            item.GetString(AtAttribute) ?? string.Empty)).ToList();
    }

    /// <summary>
    /// The head, and whether the account is being deleted (its deletion item exists): both consistent, in one
    /// BatchGetItem, so a sync with nothing new is one request with the platform's deletion fence included.
    /// </summary>
    public async Task<(LogHead Head, bool Deleting)> HeadAndFenceAsync(string userId, CancellationToken cancellationToken)
    {
        var partition = Keys.User(userId);
        var read = await _batch.GetAsync([new ItemKey(partition, Keys.SyncHead), new ItemKey(partition, Keys.AccountDeletion)], consistentRead: true, cancellationToken).ConfigureAwait(false);
        if (read.Failed.Count > 0)
        {
            throw new StoreBusyException("The table kept leaving the change log's head unread.");
        }

        return (HeadOf(read.Items.GetValueOrDefault(new ItemKey(partition, Keys.SyncHead))), read.Items.ContainsKey(new ItemKey(partition, Keys.AccountDeletion)));
    }

    /// <summary>Appends one chunk after <paramref name="known"/> (the head as last read or written); answers the head it wrote.</summary>
    private async Task<(LogHead Head, Dictionary<string, AttributeValue>? Stored)> AppendChunkAsync(
        string userId, IReadOnlyList<ItemChange> chunk, (LogHead Head, Dictionary<string, AttributeValue>? Stored) known, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var expires = _time.GetUtcNow().Add(Retention).ToUnixTimeSeconds();
            var (read, stored) = attempt == 1 ? known : await StoredHeadAsync(userId, cancellationToken).ConfigureAwait(false);

            // No head (never one, the account deleted and its id used again, or expired): a new epoch from 1.
            var head = read.Epoch == LogHead.None ? new LogHead(0, Ulid.NewId(_time.GetUtcNow())) : read;
            var items = new List<TransactWriteItem>(chunk.Count + 1);
            for (var i = 0; i < chunk.Count; i++)
            {
                var sequence = head.Sequence + 1 + i;
                var change = chunk[i];
                var entry = Key(userId, Keys.SyncLog(sequence));
                entry[Keys.EntityType] = Attributes.S(EntityTypes.SyncLogEntry);
                entry[SequenceAttribute] = Attributes.N(sequence);
                entry[KeyAttribute] = Attributes.S(change.SortKey);
                entry[RemovedAttribute] = Attributes.Bool(change.Removed);
                entry[AtAttribute] = Attributes.S(Timestamps.ToApi(change.At));
                entry[Keys.TimeToLive] = Attributes.N(expires);
                items.Add(new TransactWriteItem { Put = new Put { TableName = _table, Item = entry } });
            }

            // The head lives as long as its newest entry: a log nobody changed for that long starts a new epoch.
            var next = new LogHead(head.Sequence + chunk.Count, head.Epoch);
            var write = HeadWrite(userId, next, stored, expires);
            items.Add(write);

            var refused = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                return (next, write.Put.Item);
            }

            // Only the head's condition can fail: another append moved it. Read it again.
            if (attempt >= MaxHeadAttempts)
            {
                throw new ConcurrencyConflictException($"The change log head of a user kept moving during {MaxHeadAttempts} attempts.");
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="userId"/>'s log when it has none (or it expired): a head at 0 in a new epoch, so every
    /// position a reader hands out names a real epoch, and a log that begins again later (a deleted account's id
    /// used again, a month without a change) can never be taken for the one a device was reading. Answers the head.
    /// </summary>
    public async Task<LogHead> StartAsync(string userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (read, stored) = await StoredHeadAsync(userId, cancellationToken).ConfigureAwait(false);
            if (read.Epoch != LogHead.None)
            {
                return read;
            }

            var started = new LogHead(0, Ulid.NewId(_time.GetUtcNow()));
            var refused = await Transaction.WriteAsync(_client, [HeadWrite(userId, started, stored, _time.GetUtcNow().Add(Retention).ToUnixTimeSeconds())], cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                return started;
            }

            if (attempt >= MaxHeadAttempts)
            {
                throw new ConcurrencyConflictException($"The change log head of a user kept moving during {MaxHeadAttempts} attempts.");
            }
        }
    }

    /// <summary>
    /// The head's write, on the condition that it is still what was read (<paramref name="stored"/>: absent, or
    /// its sequence and epoch, or a head written before epochs with none): of two writers, one wins.
    /// </summary>
    private TransactWriteItem HeadWrite(string userId, LogHead next, Dictionary<string, AttributeValue>? stored, long expires)
    {
        var item = new Dictionary<string, AttributeValue>(Key(userId, Keys.SyncHead))
        {
            [Keys.EntityType] = Attributes.S(EntityTypes.SyncHead),
            [SequenceAttribute] = Attributes.N(next.Sequence),
            [EpochAttribute] = Attributes.S(next.Epoch),
            [Keys.TimeToLive] = Attributes.N(expires),
        };
        var put = new Put { TableName = _table, Item = item };
        if (stored is null)
        {
            put.ConditionExpression = "attribute_not_exists(#pk)";
            put.ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey };
        }
        else if (stored.GetValueOrDefault(EpochAttribute) is { } epoch)
        {
            put.ConditionExpression = "#seq = :seq AND #epoch = :epoch";
            put.ExpressionAttributeNames = new() { ["#seq"] = SequenceAttribute, ["#epoch"] = EpochAttribute };
            put.ExpressionAttributeValues = new() { [":seq"] = stored[SequenceAttribute], [":epoch"] = epoch };
        }
        else
        {
            put.ConditionExpression = "#seq = :seq AND attribute_not_exists(#epoch)";
            put.ExpressionAttributeNames = new() { ["#seq"] = SequenceAttribute, ["#epoch"] = EpochAttribute };
            put.ExpressionAttributeValues = new() { [":seq"] = stored[SequenceAttribute] };
        }

        return new TransactWriteItem { Put = put };
    }

    /// <summary>The head as it counts (<see cref="LogHead.Empty"/> when missing or expired) and the stored item, expired or not (what the next write is conditioned on).</summary>
    private async Task<(LogHead Head, Dictionary<string, AttributeValue>? Stored)> StoredHeadAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, Keys.SyncHead), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        var stored = response.Item is { Count: > 0 } item && item.ContainsKey(SequenceAttribute) ? item : null;
        return (HeadOf(stored), stored);
    }

    private LogHead HeadOf(Dictionary<string, AttributeValue>? item) =>
        item is { Count: > 0 } && item.GetLong(SequenceAttribute) is { } sequence && !Expired(item, _time.GetUtcNow().ToUnixTimeSeconds())
            ? new LogHead(sequence, item.GetString(EpochAttribute) ?? LogHead.None)
            : LogHead.Empty;

    private static bool Expired(Dictionary<string, AttributeValue> item, long now) => item.GetLong(Keys.TimeToLive) is { } ttl && ttl < now;

    private static Dictionary<string, AttributeValue> Key(string userId, string sortKey) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(sortKey),
    };
}
