using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Data.Caching;
using GymCoach.Lambda.Logging;

namespace GymCoach.Analytics.Data;

/// <summary>Where a computed series may be kept.</summary>
public enum CacheTier
{
    /// <summary>Nowhere: its inputs may still be settling (the summary just moved; an index may lag it).</summary>
    None,

    /// <summary>In the instance's LRU.</summary>
    Memory,

    /// <summary>In the LRU and as a table item with a TTL, shared by every instance.</summary>
    MemoryAndTable,
}

/// <summary>
/// Two cache tiers for computed series, both stamped with the user's data version (the summary's counter, which the
/// stream handler moves whenever new data for the user is applied): the instance's LRU, then — for series worth
/// it — an item in the table with a TTL, which every instance shares. A stamp older than the summary's is a miss,
/// so new data invalidates every cached series of that user at once, in every instance, without deleting anything;
/// the TTL reaps what is left behind.
/// </summary>
public sealed class SeriesCache<T>
    where T : class
{
    public static readonly TimeSpan TableTimeToLive = TimeSpan.FromDays(1);

    private readonly LruEntityCache<Stamped> _memory;
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly JsonTypeInfo<T> _type;
    private readonly TimeProvider _time;

    public SeriesCache(CacheSettings settings, IAmazonDynamoDB client, string table, JsonTypeInfo<T> type, TimeProvider time, Metrics? metrics = null)
    {
        // A series weighs about three times its JSON in memory (objects, not text): the JSON it was read from or stored as.
        _memory = new LruEntityCache<Stamped>(settings, metrics, stamped => 3L * stamped.JsonLength);
        _client = client;
        _table = table;
        _type = type;
        _time = time;
    }

    public CacheStatistics Statistics => _memory.Statistics;

    /// <summary>
    /// The series <paramref name="name"/> at <paramref name="dataVersion"/>: from memory, else from
    /// <paramref name="stored"/> (the tier-2 item, read by the caller in its one BatchGetItem), else computed and,
    /// kept where <paramref name="tier"/> allows.
    /// </summary>
    public async Task<T> GetAsync(string userId, string name, long dataVersion, Dictionary<string, AttributeValue>? stored, CacheTier tier, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        if (tier == CacheTier.None)
        {
            return await compute().ConfigureAwait(false);
        }

        var key = CacheKey.ForUser(userId, _memory.Settings.Entity, name);
        if (_memory.TryGet(key, out var cached) && cached!.DataVersion == dataVersion)
        {
            return cached.Value;
        }

        if (stored is { Count: > 0 }
            && stored.GetLong(AnalyticsItems.DataVersionAttribute) == dataVersion
            && stored.GetLong(Keys.TimeToLive) > _time.GetUtcNow().ToUnixTimeSeconds())
        {
            var value = AnalyticsItems.Read(stored, _type);
            _memory.Set(key, new Stamped(dataVersion, value, stored[AnalyticsItems.DataAttribute].S.Length));
            return value;
        }

        var computed = await compute().ConfigureAwait(false);
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsCache(name), AnalyticsItems.CacheEntity, computed, _type);
        if (tier == CacheTier.MemoryAndTable)
        {
            item[AnalyticsItems.DataVersionAttribute] = Attributes.N(dataVersion);
            item[Keys.TimeToLive] = Attributes.N(_time.GetUtcNow().Add(TableTimeToLive).ToUnixTimeSeconds());
            // Behind the deletion fence like every write of the account: a read racing a deletion must not leave a
            // cache item after the deletion's last pass. Best effort otherwise: the value is computed, and a fill
            // that is throttled or collides with the account's other writes only means the next read computes again.
            try
            {
                await FencedWrites.PutItemAsync(_client, new PutItemRequest { TableName = _table, Item = item }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not GymCoach.Lambda.Errors.AccountDeletingException && StoreFailures.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
            }
        }

        _memory.Set(key, new Stamped(dataVersion, computed, item[AnalyticsItems.DataAttribute].S.Length));
        return computed;
    }

    private sealed record Stamped(long DataVersion, T Value, long JsonLength);
}
