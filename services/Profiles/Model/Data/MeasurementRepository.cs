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

    /// <summary>Rounds of read-and-write of the latest-weight item before a measurement's create gives up (each lost round means another weigh-in landed).</summary>
    public const int LatestWeightRounds = 10;

    /// <summary>
    /// Stores a new measurement once (within <see cref="CollectionCaps.MeasurementsPerDay"/>); the one already stored
    /// under its id when an earlier attempt wrote it. A weight newer (by key) than the account's latest also
    /// replaces the latest-weight item (<see cref="Keys.LatestWeight"/>), in the same transaction, on the
    /// condition that the latest is still the one read.
    /// </summary>
    public async Task<Measurement> AddAsync(string userId, Measurement measurement, CancellationToken cancellationToken)
    {
        var item = MeasurementMapper.ToItem(userId, measurement);
        var cap = CollectionCaps.MeasurementsPerDay.On(measurement.Date);
        for (var round = 1; ; round++)
        {
            var latest = await LatestWeightWriteAsync(userId, item, cancellationToken).ConfigureAwait(false);
            try
            {
                var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, item, null, cap, userId, latest, cancellationToken).ConfigureAwait(false);
                return MeasurementMapper.FromItem(stored);
            }
            catch (ConcurrencyConflictException) when (round < LatestWeightRounds)
            {
                // Another weigh-in moved the latest: read it again (ours may not be the newest any more), after a jittered pause.
                await Task.Delay(Random.Shared.Next(1, 5 << Math.Min(round, 4)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The transaction item that keeps the latest-weight item right with <paramref name="measurement"/> added: null
    /// when it already is (the new one has no weight, or an older key). An account that has none yet (its
    /// measurements predate the item) gets it from one search of its measurements, once.
    /// </summary>
    private async Task<TransactWriteItem?> LatestWeightWriteAsync(string userId, Dictionary<string, AttributeValue> measurement, CancellationToken cancellationToken)
    {
        var key = new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.User(userId)), [Keys.SortKey] = Attributes.S(Keys.LatestWeight) };
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        var exists = response.Item is { Count: > 0 };
        var current = exists ? response.Item : await NewestWeighIn.SearchAsync(_client, _table, userId, cancellationToken).ConfigureAwait(false);
        var currentKey = current?.GetString(Keys.SortKey) is { } sk && sk != Keys.LatestWeight ? sk : current?.GetString("measurement") ?? string.Empty;
        var newKey = measurement[Keys.SortKey].S;
        var next = measurement.ContainsKey("weightKg") && string.CompareOrdinal(newKey, currentKey) > 0 ? measurement : current;
        if (exists && ReferenceEquals(next, current))
        {
            return null;
        }

        var item = new Dictionary<string, AttributeValue>(key)
        {
            [Keys.EntityType] = Attributes.S("LatestWeight"),
            ["measurement"] = Attributes.S(next is null ? string.Empty : ReferenceEquals(next, measurement) ? newKey : currentKey),
        };
        item.SetIfNotNull("weightKg", next?.GetValueOrDefault("weightKg"));
        item.SetIfNotNull("date", next?.GetValueOrDefault("date"));
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = _table,
                Item = item,
                ConditionExpression = exists ? "#m = :seen" : "attribute_not_exists(#pk)",
                ExpressionAttributeNames = exists ? new() { ["#m"] = "measurement" } : new() { ["#pk"] = Keys.PartitionKey },
                ExpressionAttributeValues = exists ? new() { [":seen"] = Attributes.S(currentKey) } : null,
            },
        };
    }

    public async Task<(IReadOnlyList<Measurement> Items, Dictionary<string, AttributeValue>? LastKey)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var (found, lastKey) = await RangePages.NewestFirstAsync(
            _client, _table, Keys.User(userId), from is { } f ? Keys.MeasurementFrom(f) : Keys.MeasurementPrefix, to is { } t ? Keys.MeasurementTo(t) : Keys.MeasurementPrefix + "~", limit, startKey, cancellationToken).ConfigureAwait(false);
        return (found.Select(MeasurementMapper.FromItem).ToList(), lastKey);
    }
}
