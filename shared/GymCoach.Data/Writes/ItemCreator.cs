using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;

namespace GymCoach.Data.Writes;

/// <summary>
/// Writes a new item once. The put is conditional on the key being free; when it is not, the item already
/// there is returned instead of an error. Because a <see cref="Creation"/>'s id is unique to one create (fresh,
/// or derived from its idempotency claim), an item under that key can only have been written by an earlier
/// attempt of the same create — whose response was lost, or whose SDK retry ran after the first write landed.
/// Every create is a transaction behind the account-deletion fence (<see cref="AccountFence"/>).
/// </summary>
public static class ItemCreator
{
    /// <summary>Puts <paramref name="item"/> if its key is free; returns the stored item and whether this call wrote it.</summary>
    public static async Task<(Dictionary<string, AttributeValue> Item, bool Created)> PutNewAsync(
        IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        try
        {
            await FencedWrites.PutItemAsync(
                client,
                new PutItemRequest
                {
                    TableName = table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
            return (item, true);
        }
        catch (ConditionalCheckFailedException ex) when (ex.Item is { Count: > 0 } existing)
        {
            return (existing, false);
        }
    }

    /// <summary>
    /// Puts <paramref name="item"/> if its key is free, in one transaction with <paramref name="record"/> (the
    /// create's idempotency record) when there is one: both land or neither. A taken key of the record is an
    /// <see cref="IdempotencyKeyTakenException"/>; without a record this is <see cref="PutNewAsync(IAmazonDynamoDB, string, Dictionary{string, AttributeValue}, CancellationToken)"/>.
    /// </summary>
    public static async Task<Dictionary<string, AttributeValue>> PutNewAsync(
        IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return (await PutNewAsync(client, table, item, cancellationToken).ConfigureAwait(false)).Item;
        }

        var reasons = await Transaction.WriteAsync(client, [NewItem(table, item), record.Write], cancellationToken).ConfigureAwait(false);
        if (reasons is null)
        {
            return item;
        }

        record.ThrowIfTaken(reasons, 1);
        throw new InvalidOperationException($"The create was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    /// <summary>
    /// Puts <paramref name="item"/> if its key is free and <paramref name="cap"/> has a place left, in one transaction
    /// (with <paramref name="record"/> when there is one). An item already there (an earlier attempt of this create)
    /// is returned as stored, and counted once; a full cap is a <see cref="Lambda.Errors.CollectionFullException"/>.
    /// </summary>
    public static Task<(Dictionary<string, AttributeValue> Item, bool Created)> PutNewAsync(
        IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item, IdempotencyRecord? record, CollectionCap cap, string userId, CancellationToken cancellationToken) =>
        PutNewAsync(client, table, item, record, cap, userId, null, cancellationToken);

    /// <summary>
    /// The capped create, with <paramref name="alongside"/> (a derived item kept in step, written on a condition of
    /// its own) in the same transaction: a failed condition of it is a <see cref="ConcurrencyConflictException"/>,
    /// for the caller to read again and retry.
    /// </summary>
    public static async Task<(Dictionary<string, AttributeValue> Item, bool Created)> PutNewAsync(
        IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item, IdempotencyRecord? record, CollectionCap cap, string userId, TransactWriteItem? alongside, CancellationToken cancellationToken)
    {
        var caps = cap.Chain;
        var items = new List<TransactWriteItem> { NewItem(table, item) };
        items.AddRange(caps.Select(c => c.Take(table, userId)));
        if (record is not null)
        {
            items.Add(record.Write);
        }

        if (alongside is not null)
        {
            items.Add(alongside);
        }

        // A taken key whose item is gone by the time it is read back (deleted in between) is free again: the create
        // is tried once more rather than reported as a failure it is not.
        IReadOnlyList<CancellationReason>? reasons;
        for (var attempt = 1; ; attempt++)
        {
            reasons = await Transaction.WriteAsync(client, items, cancellationToken).ConfigureAwait(false);
            if (reasons is null)
            {
                return (item, true);
            }

            if (!Transaction.ConditionFailed(reasons, 0))
            {
                break;
            }

            var key = new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = item[Keys.PartitionKey], [Keys.SortKey] = item[Keys.SortKey] };
            var existing = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            if (existing.Item is { Count: > 0 } stored)
            {
                return (stored, false);
            }

            if (attempt == 3)
            {
                throw new ConflictException("The item this request creates was being deleted at the same time; send the request again.");
            }
        }

        record?.ThrowIfTaken(reasons, 1 + caps.Count);
        for (var i = 0; i < caps.Count; i++)
        {
            caps[i].ThrowIfFull(reasons, 1 + i);
        }

        if (alongside is not null && Transaction.ConditionFailed(reasons, items.Count - 1))
        {
            throw new ConcurrencyConflictException("An item kept in step with this create changed meanwhile; read it again.");
        }

        throw new InvalidOperationException($"The create was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    /// <summary>A transaction's put of a new item: only if its key is free.</summary>
    public static TransactWriteItem NewItem(string table, Dictionary<string, AttributeValue> item) => new()
    {
        Put = new Put
        {
            TableName = table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
        },
    };
}
