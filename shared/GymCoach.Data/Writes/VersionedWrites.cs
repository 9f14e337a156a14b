using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Writes;

/// <summary>
/// Replacing and deleting an item that was just read at a known version, under the request's
/// <see cref="WritePrecondition"/>: without one it is refused (428), and the write is also pinned to the
/// version read, so under <c>If-Match: *</c> (or a list) two concurrent writers cannot both store version N+1
/// with different content under one ETag. A failed condition is a <see cref="ConcurrencyConflictException"/> (412).
/// </summary>
public static class VersionedWrites
{
    /// <summary>The condition for a write over the item read at <paramref name="currentVersion"/>; adds its names and values.</summary>
    public static string Condition(WritePrecondition precondition, long currentVersion, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, string what)
    {
        if (precondition.Kind is PreconditionKind.None or PreconditionKind.CreateOnly)
        {
            throw new ConcurrencyConflictException(precondition, $"The {what} exists; changing it needs its ETag (If-Match).");
        }

        var condition = Versioning.Condition(precondition, names, values);
        names["#currentVersion"] = Keys.Version;
        values[":currentVersion"] = Attributes.N(currentVersion);
        return $"({condition}) AND #currentVersion = :currentVersion";
    }

    /// <summary>Puts <paramref name="item"/> over the one read at <paramref name="currentVersion"/>.</summary>
    public static async Task ReplaceAsync(IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> item, long currentVersion, WritePrecondition precondition, string what, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = Condition(precondition, currentVersion, names, values, what);
        try
        {
            await FencedWrites.PutItemAsync(
                client,
                new PutItemRequest { TableName = table, Item = item, ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConcurrencyConflictException(precondition, $"The {what} changed since it was read.", ex);
        }
    }

    /// <summary>Deletes the item at <paramref name="key"/> read at <paramref name="currentVersion"/>, giving its place in <paramref name="cap"/> (and its total) back in the same transaction.</summary>
    public static async Task DeleteAsync(IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue> key, long currentVersion, WritePrecondition precondition, string what, CollectionCap cap, string userId, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = Condition(precondition, currentVersion, names, values, what);
        var delete = new TransactWriteItem
        {
            Delete = new Delete { TableName = table, Key = key, ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values.Count > 0 ? values : null },
        };
        if (await Transaction.WriteAsync(client, [delete, .. cap.Chain.Select(c => c.Release(table, userId))], cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ConcurrencyConflictException(precondition, $"The {what} changed since it was read.");
        }
    }
}
