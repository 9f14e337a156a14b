using System.Text.Json.Serialization;
using GymCoach.Sync.Domain;

namespace GymCoach.Sync;

/// <summary>
/// Source-generated JSON for GET /sync, with the options every service uses. Each change's <c>data</c> is
/// already JSON, written by the owning service's own context (see <see cref="SyncedKinds"/>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SyncResponse))]
public sealed partial class SyncJsonContext : JsonSerializerContext;
