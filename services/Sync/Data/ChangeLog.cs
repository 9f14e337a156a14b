using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
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
    private const int MaxHeadAttempts = 5;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;

    public ChangeLog(IAmazonDynamoDB client, string table, TimeProvider time)
    {
        _client = client;
        _table = table;
        _time = time;
    }

    /// <summary>The newest sequence of <paramref name="userId"/>'s log (0 when nothing was ever logged): one consistent GetItem.</summary>
    public async Task<long> HeadAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, Keys.SyncHead), ConsistentRead = true, ProjectionExpression = SequenceAttribute },
            cancellationToken).ConfigureAwait(false);
        return response.Item.GetLong(SequenceAttribute) ?? 0;
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
        foreach (var chunk in ordered.Chunk(MaxEntriesPerWrite))
        {
            await AppendChunkAsync(userId, chunk, cancellationToken).ConfigureAwait(false);
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
        return (response.Items ?? []).Select(item => new LogEntry(
            item.GetLong(SequenceAttribute) ?? throw new InvalidDataException("A change log entry has no sequence."),
            item.GetString(KeyAttribute) ?? throw new InvalidDataException("A change log entry names no item."),
            item.GetBool(RemovedAttribute) ?? false,
            item.GetString(AtAttribute) ?? string.Empty)).ToList();
    }

    /// <summary>
    /// The head, and whether the account is being deleted (its deletion item exists): both consistent, in one
    /// BatchGetItem, so a sync with nothing new is one request with the platform's deletion fence included.
    /// </summary>
    public async Task<(long Head, bool Deleting)> HeadAndFenceAsync(string userId, CancellationToken cancellationToken)
    {
        var keys = new List<Dictionary<string, AttributeValue>> { Key(userId, Keys.SyncHead), AccountFence.Key(userId) };
        long head = 0;
        var deleting = false;
        for (var attempt = 1; keys.Count > 0; attempt++)
        {
            if (attempt > MaxHeadAttempts)
            {
                throw new StoreBusyException("The table kept leaving the change log's head unread.");
            }

            var response = await _client.BatchGetItemAsync(
                new BatchGetItemRequest
                {
                    RequestItems = new()
                    {
                        [_table] = new KeysAndAttributes
                        {
                            Keys = keys,
                            ConsistentRead = true,
                            ProjectionExpression = "#sk, #seq",
                            ExpressionAttributeNames = new() { ["#sk"] = Keys.SortKey, ["#seq"] = SequenceAttribute },
                        },
                    },
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Responses?.GetValueOrDefault(_table) ?? [])
            {
                if (item.GetString(Keys.SortKey) == Keys.SyncHead)
                {
                    head = item.GetLong(SequenceAttribute) ?? 0;
                }
                else
                {
                    deleting = true;
                }
            }

            keys = response.UnprocessedKeys?.GetValueOrDefault(_table)?.Keys ?? [];
            if (keys.Count > 0)
            {
                await Task.Delay(10 << attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        return (head, deleting);
    }

    private async Task AppendChunkAsync(string userId, IReadOnlyList<ItemChange> chunk, CancellationToken cancellationToken)
    {
        var expires = _time.GetUtcNow().Add(Retention).ToUnixTimeSeconds();
        for (var attempt = 1; ; attempt++)
        {
            var head = await HeadAsync(userId, cancellationToken).ConfigureAwait(false);
            var items = new List<TransactWriteItem>(chunk.Count + 1);
            for (var i = 0; i < chunk.Count; i++)
            {
                var sequence = head + 1 + i;
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

            var next = head + chunk.Count;
            items.Add(new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = _table,
                    Key = Key(userId, Keys.SyncHead),
                    UpdateExpression = "SET #seq = :next, #entity = :entity",
                    ConditionExpression = head == 0 ? "attribute_not_exists(#seq)" : "#seq = :head",
                    ExpressionAttributeNames = new() { ["#seq"] = SequenceAttribute, ["#entity"] = Keys.EntityType },
                    ExpressionAttributeValues = head == 0
                        ? new() { [":next"] = Attributes.N(next), [":entity"] = Attributes.S(EntityTypes.SyncHead) }
                        : new() { [":next"] = Attributes.N(next), [":entity"] = Attributes.S(EntityTypes.SyncHead), [":head"] = Attributes.N(head) },
                },
            });

            var refused = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
            if (refused is null)
            {
                return;
            }

            // Only the head's condition can fail (entries are new keys above it): another append moved it. Read it again.
            if (attempt >= MaxHeadAttempts)
            {
                throw new ConcurrencyConflictException($"The change log head of a user kept moving during {MaxHeadAttempts} attempts.");
            }
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string sortKey) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(sortKey),
    };
}
