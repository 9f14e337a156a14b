using System.Text.Json.Serialization;

namespace GymCoach.Analytics.Data.Stored;

/// <summary>Source-generated JSON of the stored aggregates, with the options they were always written with (camelCase, nulls left out, strict numbers).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StoredDigest))]
[JsonSerializable(typeof(StoredWeek))]
[JsonSerializable(typeof(StoredRecords))]
[JsonSerializable(typeof(StoredAchievement))]
[JsonSerializable(typeof(StoredSummary))]
[JsonSerializable(typeof(StoredRecomputeJob))]
internal sealed partial class AnalyticsStoreJsonContext : JsonSerializerContext;
