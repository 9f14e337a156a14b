using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Http;

/// <summary>Source-generated JSON for the HTTP envelope types: no reflection at run time, safe under Native AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class HttpJsonContext : JsonSerializerContext;
