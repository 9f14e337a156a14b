using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Data;

/// <summary>
/// Item ↔ Analytics' derived values. Each is stored whole as source-generated JSON in one attribute: they are
/// read and written whole, never queried by field, and one mapper then serves every kind.
/// </summary>
public static class AnalyticsItems
{
    public const string DataAttribute = "data";
    public const string DataVersionAttribute = "dataVersion";

    /// <summary>The formula version that derived a digest or summary (<see cref="Domain.Derivation"/>); absent: <see cref="Domain.Derivation.Unversioned"/>.</summary>
    public const string DerivationAttribute = "derivation";

    public static int DerivationOf(Dictionary<string, AttributeValue>? item) => (int?)item.GetLong(DerivationAttribute) ?? Domain.Derivation.Unversioned;

    public const string SessionEntity = EntityTypes.AnalyticsSession;
    public const string WeekEntity = EntityTypes.AnalyticsWeek;
    public const string RecordEntity = EntityTypes.AnalyticsRecord;
    public const string AchievementEntity = EntityTypes.AnalyticsAchievement;
    public const string SummaryEntity = EntityTypes.AnalyticsSummary;
    public const string CacheEntity = EntityTypes.AnalyticsCache;

    public static Dictionary<string, AttributeValue> Item<T>(string userId, string sortKey, string entity, T value, JsonTypeInfo<T> type) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(sortKey),
        [Keys.EntityType] = Attributes.S(entity),
        [DataAttribute] = Attributes.S(JsonSerializer.Serialize(value, type)),
    };

    public static T Read<T>(Dictionary<string, AttributeValue> item, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(item.GetRequiredString(DataAttribute), type)
        ?? throw new InvalidDataException($"Item {item.GetString(Keys.SortKey)} holds no {typeof(T).Name}.");

    public static Dictionary<string, AttributeValue> Key(string userId, string sortKey) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(sortKey),
    };
}
