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

    /// <summary>Stores a new measurement once (within <see cref="CollectionCaps.MeasurementsPerDay"/>); the one already stored under its id when an earlier attempt wrote it.</summary>
    public async Task<Measurement> AddAsync(string userId, Measurement measurement, CancellationToken cancellationToken)
    {
        var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, MeasurementMapper.ToItem(userId, measurement), null, CollectionCaps.MeasurementsPerDay.On(measurement.Date), userId, cancellationToken).ConfigureAwait(false);
        return MeasurementMapper.FromItem(stored);
    }

    public async Task<(IReadOnlyList<Measurement> Items, Dictionary<string, AttributeValue>? LastKey)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var (found, lastKey) = await RangePages.NewestFirstAsync(
            _client, _table, Keys.User(userId), from is { } f ? Keys.MeasurementFrom(f) : Keys.MeasurementPrefix, to is { } t ? Keys.MeasurementTo(t) : Keys.MeasurementPrefix + "~", limit, startKey, cancellationToken).ConfigureAwait(false);
        return (found.Select(MeasurementMapper.FromItem).ToList(), lastKey);
    }
}
