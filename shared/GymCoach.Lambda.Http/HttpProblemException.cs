namespace GymCoach.Lambda.Http;

/// <summary>
/// Thrown anywhere below a handler to end the request with a problem response (4xx/503): validation,
/// not-found, stale If-Match. The HTTP function catches it and answers; it is never logged as a failure.
/// </summary>
public sealed class HttpProblemException : Exception
{
    private const string TypeBase = "https://api.gymcoach.app/problems/";

    public HttpProblemException(int status, string slug, string title, string? detail = null, Dictionary<string, string[]>? errors = null)
        : base(detail ?? title)
    {
        Status = status;
        Type = TypeBase + slug;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public HttpProblemException()
        : this(500, "internal", "Internal Server Error")
    {
    }

    public HttpProblemException(string message)
        : this(400, "bad-request", "Bad Request", message)
    {
    }

    public HttpProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Type = TypeBase + "bad-request";
        Title = "Bad Request";
        Detail = message;
    }

    public int Status { get; }

    public string Type { get; }

    public string Title { get; }

    public string? Detail { get; }

    public Dictionary<string, string[]>? Errors { get; }

    /// <summary>The resource's current representation, carried by a 412 (see <see cref="Stale{T}"/>).</summary>
    public System.Text.Json.JsonElement? Current { get; init; }

    /// <summary>Extra response headers, e.g. Retry-After or Allow.</summary>
    public List<KeyValuePair<string, string>>? Headers { get; init; }

    public static HttpProblemException Validation(Dictionary<string, string[]> errors) =>
        new(400, "validation", "One or more fields are invalid.", "See errors for each invalid field.", errors);

    public static HttpProblemException BadRequest(string detail, string? field = null) => field is null
        ? new(400, "bad-request", "Bad Request", detail)
        : new(400, "validation", "One or more fields are invalid.", detail, new() { [field] = [detail] });

    public static HttpProblemException Unauthorized() =>
        new(401, "unauthorized", "Unauthorized", "The request carries no authenticated identity.");

    public static HttpProblemException Forbidden(string detail) => new(403, "forbidden", "Forbidden", detail);

    public static HttpProblemException NotFound(string detail = "The resource does not exist.") =>
        new(404, "not-found", "Not Found", detail);

    public static HttpProblemException Conflict(string detail) => new(409, "conflict", "Conflict", detail);

    public static HttpProblemException PreconditionFailed(string detail = "The resource has changed since it was read (stale If-Match).") =>
        new(412, "precondition-failed", "Precondition Failed", detail);

    /// <summary>
    /// 412 carrying the resource as it is now and its ETag: an offline client whose write lost the race learns
    /// the winner in the same answer, merges, and retries with the new ETag.
    /// </summary>
    public static HttpProblemException Stale<T>(T current, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string etag, string detail = "The resource has changed since the version this write was based on; its current representation is in current.") =>
        WithCurrent(new(412, "precondition-failed", "Precondition Failed", detail), current, typeInfo, etag);

    /// <summary>This problem carrying the resource as it is now (and its ETag, when it has one).</summary>
    public HttpProblemException WithCurrent(System.Text.Json.JsonElement current, string? etag) =>
        new(Status, Type[TypeBase.Length..], Title, Detail, Errors)
        {
            Current = current,
            Headers = etag is null ? Headers : [.. Headers ?? [], new("etag", etag)],
        };

    /// <summary>409 carrying what already holds the id a create named (a device's id reused for something else).</summary>
    public static HttpProblemException Taken<T>(T current, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string? etag, string detail) =>
        WithCurrent(new(409, "id-taken", "Conflict", detail), current, typeInfo, etag);

    private static HttpProblemException WithCurrent<T>(HttpProblemException problem, T current, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string? etag) =>
        new(problem.Status, problem.Type[TypeBase.Length..], problem.Title, problem.Detail)
        {
            Current = System.Text.Json.JsonSerializer.SerializeToElement(current, typeInfo),
            Headers = etag is null ? null : [new("etag", etag)],
        };

    public static HttpProblemException PreconditionRequired(string detail = "The resource exists: read it and send its ETag in If-Match to replace it (or If-None-Match: * to create only).") =>
        new(428, "precondition-required", "Precondition Required", detail);

    public static HttpProblemException PayloadTooLarge(int limit) =>
        new(413, "payload-too-large", "Payload Too Large", $"The request body exceeds {limit} bytes.");

    public static HttpProblemException UnsupportedMediaType() =>
        new(415, "unsupported-media-type", "Unsupported Media Type", "Send the body as application/json.");

    public static HttpProblemException Unprocessable(string detail) =>
        new(422, "unprocessable", "Unprocessable Content", detail);

    public static HttpProblemException ServiceUnavailable(int retryAfterSeconds, string detail) =>
        new(503, "service-unavailable", "Service Unavailable", detail)
        {
            Headers = [new("retry-after", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };
}
