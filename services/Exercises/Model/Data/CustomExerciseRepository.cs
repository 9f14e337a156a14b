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
        (await QueryPages.PrefixAsync(_client, _table, userId, Keys.ExercisePrefix, cancellationToken).ConfigureAwait(false)).Select(ExerciseMapper.FromItem).ToList();

    public async Task<Exercise?> GetAsync(string userId, string id, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, id), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ExerciseMapper.FromItem(item) : null;
    }

    /// <summary>Stores a new exercise once (within <see cref="CollectionCaps.CustomExercises"/>); an earlier attempt of the same create returns what it stored.</summary>
    public async Task<Exercise> CreateAsync(string userId, Exercise exercise, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, ExerciseMapper.ToCustomItem(userId, exercise, 1, now), null, CollectionCaps.CustomExercises, userId, cancellationToken).ConfigureAwait(false);
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

        var item = ExerciseMapper.ToCustomItem(userId, exercise, current.Version + 1, now);
        await VersionedWrites.ReplaceAsync(_client, _table, item, current.Version, precondition, "exercise", cancellationToken).ConfigureAwait(false);
        return ExerciseMapper.FromItem(item);
    }

    /// <summary>Deletes an existing exercise under <paramref name="precondition"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, string id, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return false;
        }

        await VersionedWrites.DeleteAsync(_client, _table, Key(userId, id), current.Version, precondition, "exercise", CollectionCaps.CustomExercises, userId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string id) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Exercise(id)),
    };
}
