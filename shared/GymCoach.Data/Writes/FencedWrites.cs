using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Writes;

/// <summary>
/// Single-item writes of a user's data, behind the account-deletion fence: each runs as a transaction of the
/// write and <see cref="AccountFence.Check"/>, and behaves otherwise like the plain call it replaces — its own
/// failed condition is a <see cref="ConditionalCheckFailedException"/> carrying the item when the request asked
/// for it, so callers keep their handling. A refused fence is an <see cref="Lambda.Errors.AccountDeletingException"/>.
/// </summary>
/// <remarks>
/// What it costs: a transactional write is billed at twice a plain one, and the fence check is billed as one
/// more transactional item, so a small write takes 4 write units where it took 1, and some milliseconds more.
/// The writes left outside, each bounded in time by a function timeout shorter than the deletion's settle
/// period (so the deletion's sweep finds what they leave): idempotency records (a refused request releases its
/// own), stream-derived aggregates (which first read the fence themselves) and batch deletes.
/// </remarks>
public static class FencedWrites
{
    /// <summary>A fenced <c>PutItem</c>.</summary>
    public static Task PutItemAsync(IAmazonDynamoDB client, PutItemRequest request, CancellationToken cancellationToken) =>
        RunAsync(
            client,
            new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = request.TableName,
                    Item = request.Item,
                    ConditionExpression = request.ConditionExpression,
                    ExpressionAttributeNames = Names(request.ExpressionAttributeNames),
                    ExpressionAttributeValues = Values(request.ExpressionAttributeValues),
                    ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
                },
            },
            cancellationToken);

    /// <summary>
    /// A fenced <c>UpdateItem</c>. A transaction returns no attributes; when the request asks for the new item
    /// (<c>ALL_NEW</c>) it is read back consistently right after, so a write that lands in between is what is
    /// returned: a caller that must know it reads its own write checks what it reads (a job's claim compares the
    /// segment it took).
    /// </summary>
    public static async Task<Dictionary<string, AttributeValue>?> UpdateItemAsync(IAmazonDynamoDB client, UpdateItemRequest request, CancellationToken cancellationToken)
    {
        if (request.ReturnValues is { } returns && returns != ReturnValue.NONE && returns != ReturnValue.ALL_NEW)
        {
            throw new ArgumentException($"A fenced update returns the new item or nothing, not {returns}.", nameof(request));
        }

        await RunAsync(
            client,
            new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = request.TableName,
                    Key = request.Key,
                    UpdateExpression = request.UpdateExpression,
                    ConditionExpression = request.ConditionExpression,
                    ExpressionAttributeNames = Names(request.ExpressionAttributeNames),
                    ExpressionAttributeValues = Values(request.ExpressionAttributeValues),
                    ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
                },
            },
            cancellationToken).ConfigureAwait(false);
        if (request.ReturnValues != ReturnValue.ALL_NEW)
        {
            return null;
        }

        var read = await client.GetItemAsync(new GetItemRequest { TableName = request.TableName, Key = request.Key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return read.Item is { Count: > 0 } item ? item : throw new ConditionalCheckFailedException("The item was removed right after it was updated.");
    }

    /// <summary>A fenced <c>DeleteItem</c>.</summary>
    public static Task DeleteItemAsync(IAmazonDynamoDB client, DeleteItemRequest request, CancellationToken cancellationToken) =>
        RunAsync(
            client,
            new TransactWriteItem
            {
                Delete = new Delete
                {
                    TableName = request.TableName,
                    Key = request.Key,
                    ConditionExpression = request.ConditionExpression,
                    ExpressionAttributeNames = Names(request.ExpressionAttributeNames),
                    ExpressionAttributeValues = Values(request.ExpressionAttributeValues),
                    ReturnValuesOnConditionCheckFailure = request.ReturnValuesOnConditionCheckFailure,
                },
            },
            cancellationToken);

    private static async Task RunAsync(IAmazonDynamoDB client, TransactWriteItem write, CancellationToken cancellationToken)
    {
        var reasons = await Transaction.WriteAsync(client, [write], cancellationToken).ConfigureAwait(false);
        if (reasons is null)
        {
            return;
        }

        // The fence's refusal was thrown by the transaction; what is left is the write's own condition.
        throw new ConditionalCheckFailedException("The conditional request failed.") { Item = reasons[0].Item is { Count: > 0 } item ? item : null };
    }

    // The SDK sends an empty map as an empty map, which DynamoDB refuses ("ExpressionAttributeNames must not be empty").
    private static Dictionary<string, string>? Names(Dictionary<string, string>? names) => names is { Count: > 0 } ? names : null;

    private static Dictionary<string, AttributeValue>? Values(Dictionary<string, AttributeValue>? values) => values is { Count: > 0 } ? values : null;
}
