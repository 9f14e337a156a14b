using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Errors;

namespace GymCoach.Data.Writes;

/// <summary>
/// A per-account cap on one collection (custom exercises, plans, the entries of one day…), kept by a counter item
/// in the account's partition (<c>COUNT#{name}</c>) that moves in the same transaction as the create or delete it
/// counts: the create's transaction adds one only if that stays within the cap, so two creates racing for the last
/// place cannot both land, and a create retried after a lost answer (its item already there) counts once.
/// </summary>
/// <remarks>
/// Items created before a cap existed are not in its counter: deleting them can take it below zero, which lets
/// that account hold as many more — bounded by what it held before. The deletion sweep removes counters with
/// everything else.
/// <c>MaxBytes</c>, when set, is a second budget in bytes kept on the same item (photos): a take adds <see cref="Bytes"/>.
/// </remarks>
public sealed record CollectionCap(string Name, string What, long Max, long? MaxBytes = null)
{
    private const string CountAttribute = "count";
    private const string BytesAttribute = "bytes";

    /// <summary>When the counter was last recounted (see <see cref="Recount"/>).</summary>
    public const string RecountedAtAttribute = "recountedAt";

    /// <summary>The bytes the next take or release moves (see <see cref="Sized"/>).</summary>
    public long Bytes { get; private init; }

    /// <summary>
    /// A cap on the whole collection counted along with this one (a per-day cap's total: entries may be dated
    /// anywhere in two centuries, so the days alone do not bound the account). Every create and delete moves both.
    /// </summary>
    public CollectionCap? Total { get; init; }

    /// <summary>This cap, then its total (if any): the counters a create takes and a delete gives back, in that order.</summary>
    public IReadOnlyList<CollectionCap> Chain => Total is { } total ? [this, total] : [this];

    /// <summary>The same cap, for one item of <paramref name="bytes"/> bytes.</summary>
    public CollectionCap Sized(long bytes) => this with { Bytes = bytes };

    /// <summary>The same cap counted per day (entries of one date): <c>COUNT#{name}#{date}</c>.</summary>
    public CollectionCap On(DateOnly date) => this with { Name = string.Concat(Name, "#", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) };

    /// <summary>The transaction item that takes one place (and <see cref="Bytes"/>); it fails when none is left.</summary>
    public TransactWriteItem Take(string table, string userId)
    {
        var update = new Update
        {
            TableName = table,
            Key = Key(userId),
            UpdateExpression = "ADD #n :one",
            ConditionExpression = "attribute_not_exists(#n) OR #n < :max",
            ExpressionAttributeNames = new() { ["#n"] = CountAttribute },
            ExpressionAttributeValues = new() { [":one"] = Attributes.N(1), [":max"] = Attributes.N(Max) },
            ReturnValuesOnConditionCheckFailure = Amazon.DynamoDBv2.ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        if (MaxBytes is { } maxBytes)
        {
            update.UpdateExpression = "ADD #n :one, #b :bytes";
            update.ConditionExpression = "(attribute_not_exists(#n) OR #n < :max) AND (attribute_not_exists(#b) OR #b <= :room)";
            update.ExpressionAttributeNames["#b"] = BytesAttribute;
            update.ExpressionAttributeValues[":bytes"] = Attributes.N(Bytes);
            update.ExpressionAttributeValues[":room"] = Attributes.N(maxBytes - Bytes);
        }

        return new TransactWriteItem { Update = update };
    }

    /// <summary>The transaction item that gives one place (and <see cref="Bytes"/>) back, with the delete of what held it.</summary>
    public TransactWriteItem Release(string table, string userId) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = Key(userId),
            UpdateExpression = MaxBytes is null ? "ADD #n :minusOne" : "ADD #n :minusOne, #b :minusBytes",
            ExpressionAttributeNames = MaxBytes is null ? new() { ["#n"] = CountAttribute } : new() { ["#n"] = CountAttribute, ["#b"] = BytesAttribute },
            ExpressionAttributeValues = MaxBytes is null
                ? new() { [":minusOne"] = Attributes.N(-1) }
                : new() { [":minusOne"] = Attributes.N(-1), [":minusBytes"] = Attributes.N(-Bytes) },
        },
    };

    /// <summary>
    /// The transaction item that sets the counter to a recount (<paramref name="count"/>, <paramref name="bytes"/>)
    /// made at <paramref name="at"/> (kept as <c>recountedAt</c>), only if it still holds <paramref name="seen"/>: a
    /// create or delete in between moved it, and the recount is void.
    /// </summary>
    public TransactWriteItem Recount(string table, string userId, (long Count, long Bytes)? seen, long count, long bytes, string at)
    {
        var update = new Update
        {
            TableName = table,
            Key = Key(userId),
            UpdateExpression = "SET #n = :count, #b = :bytes, #at = :at",
            ExpressionAttributeNames = new() { ["#n"] = CountAttribute, ["#b"] = BytesAttribute, ["#at"] = RecountedAtAttribute },
            ExpressionAttributeValues = new() { [":count"] = Attributes.N(count), [":bytes"] = Attributes.N(bytes), [":at"] = Attributes.S(at) },
        };
        if (seen is { } s)
        {
            update.ConditionExpression = "#n = :seenCount AND (attribute_not_exists(#b) AND :seenBytes = :zero OR #b = :seenBytes)";
            update.ExpressionAttributeValues[":seenCount"] = Attributes.N(s.Count);
            update.ExpressionAttributeValues[":seenBytes"] = Attributes.N(s.Bytes);
            update.ExpressionAttributeValues[":zero"] = Attributes.N(0);
        }
        else
        {
            update.ConditionExpression = "attribute_not_exists(#n)";
        }

        return new TransactWriteItem { Update = update };
    }

    /// <summary>The counter as stored: how many, and how many bytes (null when nothing was ever counted).</summary>
    public async Task<(long Count, long Bytes)?> ReadAsync(Amazon.DynamoDBv2.IAmazonDynamoDB client, string table, string userId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(userId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? (item.GetLong(CountAttribute) ?? 0, item.GetLong(BytesAttribute) ?? 0) : null;
    }

    /// <summary>Throws <see cref="CollectionFullException"/> when the take at <paramref name="index"/> is what failed, saying which budget is spent.</summary>
    public void ThrowIfFull(IReadOnlyList<CancellationReason> reasons, int index)
    {
        if (!Transaction.ConditionFailed(reasons, index))
        {
            return;
        }

        if (MaxBytes is { } maxBytes && reasons[index].Item is { } old && (old.GetLong(CountAttribute) ?? 0) < Max)
        {
            var used = old.GetLong(BytesAttribute) ?? 0;
            throw new CollectionFullException(What, Max, $"An account holds at most {maxBytes / (1024 * 1024)} MiB of {What}; {used / (1024 * 1024)} MiB are used, and this one needs {Math.Max(1, Bytes / (1024 * 1024))} MiB more.");
        }

        throw new CollectionFullException(What, Max);
    }

    private Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Count(Name)),
    };
}
