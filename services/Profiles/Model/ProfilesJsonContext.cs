using System.Text.Json.Serialization;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles;

/// <summary>Source-generated JSON for the Profiles API's bodies (AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ProfileInput))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(MeasurementInput))]
[JsonSerializable(typeof(MeasurementResponse))]
[JsonSerializable(typeof(Page<MeasurementResponse>))]
[JsonSerializable(typeof(PreferencesInput))]
[JsonSerializable(typeof(PreferencesResponse))]
[JsonSerializable(typeof(PhotoInput))]
[JsonSerializable(typeof(PhotoResponse))]
[JsonSerializable(typeof(PhotoUploadResponse))]
[JsonSerializable(typeof(Page<PhotoResponse>))]
[JsonSerializable(typeof(ExportResponse))]
[JsonSerializable(typeof(DeletionResponse))]
public sealed partial class ProfilesJsonContext : JsonSerializerContext;
