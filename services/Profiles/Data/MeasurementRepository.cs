using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Data;

/// <summary>Measurements live in the user's partition under <c>MEASUREMENT#date#id</c>: a date range is one Query.</summary>
public sealed class MeasurementRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public MeasurementRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>Stores a new measurement once; the one already stored under its id when an earlier attempt wrote it.</summary>
    public async Task<Measurement> AddAsync(string userId, Measurement measurement, CancellationToken cancellationToken)
    {
        var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, MeasurementMapper.ToItem(userId, measurement), cancellationToken).ConfigureAwait(false);
        return MeasurementMapper.FromItem(stored);
    }

    public async Task<(IReadOnlyList<Measurement> Items, Dictionary<string, AttributeValue>? LastKey)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = Attributes.S(Keys.User(userId)),
                    [":from"] = Attributes.S(from is { } f ? Keys.MeasurementFrom(f) : Keys.MeasurementPrefix),
                    [":to"] = Attributes.S(to is { } t ? Keys.MeasurementTo(t) : Keys.MeasurementPrefix + "~"),
                },
                ScanIndexForward = false,
                Limit = limit,
                ExclusiveStartKey = startKey,
            },
            cancellationToken).ConfigureAwait(false);

        var items = (response.Items ?? []).Select(MeasurementMapper.FromItem).ToList();
        return (items, response.LastEvaluatedKey is { Count: > 0 } last ? last : null);
    }
}
