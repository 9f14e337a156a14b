using System.Text.Json.Serialization.Metadata;

namespace GymCoach.Lambda.Http;

/// <summary>
/// What a route handler returns: a status, an optional JSON body and a few headers. The response writer
/// turns it into the payload 2.0 envelope, so handlers never touch base64, gzip or header casing.
/// </summary>
public sealed class HttpResult
{
    public const string JsonContentType = "application/json";
    public const string ProblemContentType = "application/problem+json";

    private List<KeyValuePair<string, string>>? _headers;

    public HttpResult(int statusCode, ResponseBody? body = null, string contentType = JsonContentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public ResponseBody? Body { get; }

    public string ContentType { get; }

    /// <summary>The representation's entity tag, quoted, e.g. <c>"7"</c>.</summary>
    public string? ETag { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? [];

    /// <summary>The same headers as a list (or null): enumerating it does not allocate, which the response path cares about.</summary>
    internal List<KeyValuePair<string, string>>? HeaderList => _headers;

    public static HttpResult Ok<T>(T value, JsonTypeInfo<T> typeInfo, string? etag = null) =>
        new(200, new JsonResponseBody<T>(value, typeInfo)) { ETag = etag };

    public static HttpResult Created<T>(T value, JsonTypeInfo<T> typeInfo, string? location = null, string? etag = null)
    {
        var result = new HttpResult(201, new JsonResponseBody<T>(value, typeInfo)) { ETag = etag };
        return location is null ? result : result.WithHeader("location", location);
    }

    public static HttpResult Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo, string? etag = null) =>
        new(statusCode, new JsonResponseBody<T>(value, typeInfo)) { ETag = etag };

    public static HttpResult NoContent() => new(204);

    public static HttpResult Problem(ProblemDetails problem) =>
        new(problem.Status, new JsonResponseBody<ProblemDetails>(problem, HttpJsonContext.Default.ProblemDetails), ProblemContentType);

    /// <summary>Adds a header (lower-case name, as HTTP APIs send them).</summary>
    public HttpResult WithHeader(string name, string value)
    {
        (_headers ??= []).Add(new(name.ToLowerInvariant(), value));
        return this;
    }
}
