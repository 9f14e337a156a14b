using System.Text.Json.Serialization;
using GymCoach.Analytics.Domain;

namespace GymCoach.Analytics;

/// <summary>Source-generated JSON for the Analytics API and the derived items it stores (AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SessionDigest))]
[JsonSerializable(typeof(WeekStats))]
[JsonSerializable(typeof(ExerciseRecords))]
[JsonSerializable(typeof(Achievement))]
[JsonSerializable(typeof(AnalyticsSummary))]
[JsonSerializable(typeof(RecomputeJob))]
[JsonSerializable(typeof(DashboardResponse))]
[JsonSerializable(typeof(RecordsResponse))]
[JsonSerializable(typeof(AchievementsResponse))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(VolumeResponse))]
[JsonSerializable(typeof(BodyResponse))]
[JsonSerializable(typeof(JobResponse))]
public sealed partial class AnalyticsJsonContext : JsonSerializerContext;
