using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Exercises.Domain;

namespace GymCoach.Exercises.Data;

/// <summary>
/// The one place the library partition is read: all of it (for the cache) in as few Query pages as its size
/// needs, one facet through GSI1, or one exercise by id. Never a Scan.
/// </summary>
public sealed class LibraryRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public LibraryRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>Every library item whose sort key starts with <paramref name="prefix"/> (empty: exercises and facets alike), as stored.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(string prefix, CancellationToken cancellationToken) =>
        QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = prefix.Length == 0 ? "#pk = :pk" : "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = prefix.Length == 0 ? new() { ["#pk"] = Keys.PartitionKey } : new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = prefix.Length == 0
                    ? new() { [":pk"] = Attributes.S(Keys.ExerciseLibrary) }
                    : new() { [":pk"] = Attributes.S(Keys.ExerciseLibrary), [":prefix"] = Attributes.S(prefix) },
            },
            cancellationToken);

    /// <summary>The whole library, retired entries included (they still answer by id).</summary>
    public async Task<IReadOnlyList<Exercise>> AllAsync(CancellationToken cancellationToken) =>
        (await ItemsAsync(Keys.ExercisePrefix, cancellationToken).ConfigureAwait(false)).Select(ExerciseMapper.FromItem).ToList();

    /// <summary>The live exercises under one facet value, through GSI1.</summary>
    public async Task<IReadOnlyList<Exercise>> FacetAsync(string facet, string value, CancellationToken cancellationToken) =>
        (await QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                IndexName = Keys.Gsi1Name,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.ExerciseFacetIndex(facet, value)) },
            },
            cancellationToken).ConfigureAwait(false)).Select(ExerciseMapper.FromItem).ToList();
}
