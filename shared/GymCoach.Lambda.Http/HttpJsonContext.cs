using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Source-generated JSON for what the HTTP side writes: the response envelope and problems. The request is
/// read by <see cref="HttpApiRequestReader"/> alone (one reader, one shape of the event).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class HttpJsonContext : JsonSerializerContext;
