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
/// </remarks>
public sealed record CollectionCap(string Name, string What, long Max)
{
    /// <summary>The same cap counted per day (entries of one date): <c>COUNT#{name}#{date}</c>.</summary>
    public CollectionCap On(DateOnly date) => this with { Name = string.Concat(Name, "#", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) };

    /// <summary>The transaction item that takes one place (fails when none is left).</summary>
    public TransactWriteItem Take(string table, string userId) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = Key(userId),
            UpdateExpression = "ADD #n :one",
            ConditionExpression = "attribute_not_exists(#n) OR #n < :max",
            ExpressionAttributeNames = new() { ["#n"] = "count" },
            ExpressionAttributeValues = new() { [":one"] = Attributes.N(1), [":max"] = Attributes.N(Max) },
        },
    };

    /// <summary>The transaction item that gives one place back (with the delete of what held it).</summary>
    public TransactWriteItem Release(string table, string userId) => new()
    {
        Update = new Update
        {
            TableName = table,
            Key = Key(userId),
            UpdateExpression = "ADD #n :minusOne",
            ExpressionAttributeNames = new() { ["#n"] = "count" },
            ExpressionAttributeValues = new() { [":minusOne"] = Attributes.N(-1) },
        },
    };

    /// <summary>Throws <see cref="CollectionFullException"/> when the take at <paramref name="index"/> is what failed.</summary>
    public void ThrowIfFull(IReadOnlyList<CancellationReason> reasons, int index)
    {
        if (Transaction.ConditionFailed(reasons, index))
        {
            throw new CollectionFullException(What, Max);
        }
    }

    private Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Count(Name)),
    };
}
