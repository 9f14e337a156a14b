using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Exercises.Domain;

namespace GymCoach.Exercises.Data;

/// <summary>
/// A lifter's own exercises, in their partition under <c>EXERCISE#id</c>: all of them in one Query, created
/// exactly once, replaced and deleted only under the request's <see cref="WritePrecondition"/>.
/// </summary>
public sealed class CustomExerciseRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public CustomExerciseRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    public async Task<IReadOnlyList<Exercise>> ListAsync(string userId, CancellationToken cancellationToken) =>
        (await QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.ExercisePrefix) },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false)).Select(ExerciseMapper.FromItem).ToList();

    public async Task<Exercise?> GetAsync(string userId, string id, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, id), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ExerciseMapper.FromItem(item) : null;
    }

    /// <summary>Stores a new exercise once; an earlier attempt of the same create returns what it stored.</summary>
    public async Task<Exercise> CreateAsync(string userId, Exercise exercise, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, ExerciseMapper.ToCustomItem(userId, exercise, 1, now), cancellationToken).ConfigureAwait(false);
        return ExerciseMapper.FromItem(stored);
    }

    /// <summary>Replaces an existing exercise under <paramref name="precondition"/>; a missing one is null.</summary>
    public async Task<Exercise?> ReplaceAsync(string userId, Exercise exercise, WritePrecondition precondition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, exercise.Id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = precondition.Kind == PreconditionKind.None || precondition.Kind == PreconditionKind.CreateOnly
            ? throw new ConcurrencyConflictException(precondition, "The exercise exists; replacing it needs its ETag.")
            : Versioning.Condition(precondition, names, values);

        // Also pin the version just read: under If-Match: * (or a list) two concurrent replaces must not both
        // store version N+1 with different content under one ETag.
        names["#currentVersion"] = Keys.Version;
        values[":currentVersion"] = Attributes.N(current.Version);
        condition = $"({condition}) AND #currentVersion = :currentVersion";
        try
        {
            var item = ExerciseMapper.ToCustomItem(userId, exercise, current.Version + 1, now);
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values.Count == 0 ? null : values, // If-Match: * needs none, and DynamoDB refuses an empty map
                },
                cancellationToken).ConfigureAwait(false);
            return ExerciseMapper.FromItem(item);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConcurrencyConflictException(precondition, "The exercise changed since it was read.", ex);
        }
    }

    /// <summary>Deletes an existing exercise under <paramref name="precondition"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, string id, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        if (precondition.Kind is PreconditionKind.None or PreconditionKind.CreateOnly)
        {
            throw new ConcurrencyConflictException(precondition, "Deleting an exercise needs its ETag.");
        }

        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = Key(userId, id),
                    ConditionExpression = Versioning.Condition(precondition, names, values),
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values.Count == 0 ? null : values,
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConcurrencyConflictException(precondition, "The exercise changed since it was read.", ex);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string id) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Exercise(id)),
    };
}
