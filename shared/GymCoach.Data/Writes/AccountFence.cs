using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Errors;

namespace GymCoach.Data.Writes;

/// <summary>
/// The fence an account deletion puts up: the deletion item (<see cref="Keys.AccountDeletion"/>) in the user's
/// partition. While it exists, nothing of the account is served and nothing is written to it.
/// <list type="bullet">
/// <item><b>Writes</b>: <see cref="Transaction.WriteAsync"/> adds <see cref="Check"/> ("no deletion item") to every
/// transaction that writes a user's partition, and <see cref="FencedWrites"/> makes single-item writes such
/// transactions, so a write that raced the deletion's start either landed before it (and the sweep removes it)
/// or is refused — atomically, not by a read before the write.</item>
/// <item><b>Reads</b>: the HTTP function asks <see cref="IsDeletingAsync"/> on every request before it answers,
/// with a consistent read, so no instance's cache can serve an account after its <c>DELETE /profiles/me</c>
/// answered (one key-only GetItem a request: 1 read unit).</item>
/// </list>
/// </summary>
public sealed class AccountFence
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public AccountFence(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>Whether the account is being deleted, read consistently (the deletion's start is seen at once).</summary>
    public async ValueTask<bool> IsDeletingAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _table,
                Key = Key(userId),
                ConsistentRead = true,
                ProjectionExpression = "#pk",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 };
    }

    /// <summary>Throws <see cref="AccountDeletingException"/> when the account is being deleted.</summary>
    public async ValueTask ThrowIfDeletingAsync(string userId, CancellationToken cancellationToken)
    {
        if (await IsDeletingAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            throw new AccountDeletingException();
        }
    }

    /// <summary>The key of the deletion item of <paramref name="userId"/>.</summary>
    public static Dictionary<string, AttributeValue> Key(string userId) => KeyIn(Keys.User(userId));

    /// <summary>The transaction item "the account of <paramref name="partition"/> is not being deleted".</summary>
    public static TransactWriteItem Check(string table, string partition) => new()
    {
        ConditionCheck = new ConditionCheck
        {
            TableName = table,
            Key = KeyIn(partition),
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
        },
    };

    private static Dictionary<string, AttributeValue> KeyIn(string partition) => new()
    {
        [Keys.PartitionKey] = Attributes.S(partition),
        [Keys.SortKey] = Attributes.S(Keys.AccountDeletion),
    };
}
