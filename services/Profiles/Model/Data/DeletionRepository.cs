using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Jobs;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>The one repository of the account-deletion item (<c>DELETION</c>: one per user, never a TTL).</summary>
public sealed class DeletionRepository
{
    public const string Entity = EntityTypes.AccountDeletion;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public DeletionRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>
    /// Starts a deletion if none runs, in one transaction with the check that the profile is still at a version
    /// <paramref name="precondition"/> names (when <paramref name="profileExists"/>). The running deletion when
    /// there is one; a <see cref="ConcurrencyConflictException"/> when the profile moved.
    /// </summary>
    public async Task<(AccountDeletion Deletion, bool Started)> StartAsync(string userId, AccountDeletion deletion, WritePrecondition precondition, bool profileExists, CancellationToken cancellationToken)
    {
        var put = ItemCreator.NewItem(_table, ToItem(userId, deletion));
        var items = new List<TransactWriteItem> { put };
        if (profileExists)
        {
            var names = new Dictionary<string, string>();
            var values = new Dictionary<string, AttributeValue>();
            var condition = Versioning.Condition(precondition, names, values);
            items.Add(new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = _table,
                    Key = new() { [Keys.PartitionKey] = Attributes.S(Keys.User(userId)), [Keys.SortKey] = Attributes.S(Keys.ProfileSortKey) },
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values.Count > 0 ? values : null,
                },
            });
        }

        var reasons = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
        if (reasons is null)
        {
            return (deletion, true);
        }

        if (Transaction.ConditionFailed(reasons, 0) && await GetAsync(userId, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return (running, false);
        }

        throw new ConcurrencyConflictException(precondition, "The profile is not at the version If-Match names.");
    }

    public async Task<AccountDeletion?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <summary>
    /// Starts a stalled deletion again: status <c>continuing</c> (the stream record that runs its next segment), only
    /// if it has not moved since it was read. The restarted deletion, or null when it moved meanwhile.
    /// </summary>
    public async Task<AccountDeletion?> RestartAsync(string userId, AccountDeletion deletion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(userId),
                    UpdateExpression = "SET #status = :continuing, updatedAt = :now",
                    ConditionExpression = "updatedAt = :seen AND #segment = :segment",
                    ExpressionAttributeNames = new() { ["#status"] = JobAttributes.Status, ["#segment"] = JobAttributes.Segment },
                    ExpressionAttributeValues = new()
                    {
                        [":continuing"] = Attributes.S(ExportJob.Continuing),
                        [":now"] = Attributes.S(Timestamps.ToApi(now)),
                        [":seen"] = Attributes.S(Timestamps.ToApi(deletion.UpdatedAt)),
                        [":segment"] = Attributes.N(deletion.Segment),
                    },
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken).ConfigureAwait(false);
            return FromItem(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task<AccountDeletion?> ClaimAsync(string userId, AccountDeletion deletion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.UpdateItemAsync(JobItem.Claim(_table, Key(userId), deletion.Segment, now), cancellationToken).ConfigureAwait(false);
            return FromItem(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task<bool> SaveAsync(string userId, AccountDeletion deletion, CancellationToken cancellationToken)
    {
        var (condition, names, values) = JobItem.OwnsSegment(deletion.Segment);
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest { TableName = _table, Item = ToItem(userId, deletion), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Removes the deletion item itself: the last of the user's items to go.</summary>
    public async Task<bool> FinishAsync(string userId, AccountDeletion deletion, CancellationToken cancellationToken)
    {
        var (condition, names, values) = JobItem.OwnsSegment(deletion.Segment);
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest { TableName = _table, Key = Key(userId), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId) => AccountFence.Key(userId);

    private static Dictionary<string, AttributeValue> ToItem(string userId, AccountDeletion d)
    {
        var item = new Dictionary<string, AttributeValue>(Key(userId))
        {
            [Keys.EntityType] = Attributes.S(Entity),
            ["id"] = Attributes.S(d.Id),
            [JobAttributes.Status] = Attributes.S(d.Status),
            ["requestedAt"] = Attributes.S(Timestamps.ToApi(d.RequestedAt)),
            ["settleUntil"] = Attributes.S(Timestamps.ToApi(d.SettleUntil)),
            [JobAttributes.Segment] = Attributes.N(d.Segment),
            ["phase"] = Attributes.S(d.Phase),
            ["itemsDeleted"] = Attributes.N(d.ItemsDeleted),
            ["objectsDeleted"] = Attributes.N(d.ObjectsDeleted),
            ["passes"] = Attributes.N(d.Passes),
            ["updatedAt"] = Attributes.S(Timestamps.ToApi(d.UpdatedAt)),
        };
        JobAttributes.WriteRequests(item, d.Requests);
        return item;
    }

    private static AccountDeletion FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString(JobAttributes.Status),
        Timestamps.Parse(item.GetRequiredString("requestedAt")),
        Timestamps.Parse(item.GetRequiredString("settleUntil")),
        item.GetLong(JobAttributes.Segment) ?? 0,
        item.GetRequiredString("phase"),
        item.GetLong("itemsDeleted") ?? 0,
        item.GetLong("objectsDeleted") ?? 0,
        (int)(item.GetLong("passes") ?? 0),
        JobAttributes.ReadRequests(item),
        Timestamps.Parse(item.GetString("updatedAt") ?? item.GetRequiredString("requestedAt")));
}
