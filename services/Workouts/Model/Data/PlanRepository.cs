using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Data;

/// <summary>A lifter's plans, in their partition under <c>PLAN#id</c>: newest first, one Query a page.</summary>
public sealed class PlanRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public PlanRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>Stores a new plan once; when its id is taken, the plan stored under it.</summary>
    public async Task<Plan> CreateAsync(string userId, Plan plan, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        PlanMapper.FromItem((await ItemCreator.PutNewAsync(_client, _table, PlanMapper.ToItem(userId, plan), record, CollectionCaps.Plans, userId, cancellationToken).ConfigureAwait(false)).Item);

    public async Task<Plan?> GetAsync(string userId, string planId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(userId, planId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? PlanMapper.FromItem(item) : null;
    }

    public async Task<(IReadOnlyList<Plan> Items, Dictionary<string, AttributeValue>? LastKey)> ListAsync(string userId, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.PlanPrefix) },
                ScanIndexForward = false,
                Limit = limit,
                ExclusiveStartKey = startKey,
            },
            cancellationToken).ConfigureAwait(false);
        return ((response.Items ?? []).Select(PlanMapper.FromItem).ToList(), response.LastEvaluatedKey is { Count: > 0 } last ? last : null);
    }

    /// <summary>Replaces the plan read at <paramref name="current"/>'s version with <paramref name="plan"/> (its next version).</summary>
    public Task ReplaceAsync(string userId, Plan current, Plan plan, WritePrecondition precondition, CancellationToken cancellationToken) =>
        VersionedWrites.ReplaceAsync(_client, _table, PlanMapper.ToItem(userId, plan), current.Version, precondition, "plan", cancellationToken);

    public Task DeleteAsync(string userId, Plan current, WritePrecondition precondition, CancellationToken cancellationToken) =>
        VersionedWrites.DeleteAsync(_client, _table, Key(userId, current.Id), current.Version, precondition, "plan", CollectionCaps.Plans, userId, cancellationToken);

    private static Dictionary<string, AttributeValue> Key(string userId, string planId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Plan(planId)),
    };
}
