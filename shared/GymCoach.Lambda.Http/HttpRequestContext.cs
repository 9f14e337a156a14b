using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Http;

/// <summary>
/// The request as a handler sees it: who is calling (from the JWT claims only), parameters, and a body
/// reader that turns every malformed input into a 4xx problem rather than an exception the caller sees as 500.
/// </summary>
public sealed class HttpRequestContext
{
    /// <summary>Largest accepted request body (the API conventions' 256 KB).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private readonly Dictionary<string, string>? _pathParameters;
    private readonly string? _userId;

    public HttpRequestContext(HttpApiRequest request, InvocationContext invocation, string routeKey, Dictionary<string, string>? pathParameters, string? userId, ReadOnlyMemory<byte> rawEvent = default, InvocationMetrics? metrics = null)
    {
        Metrics = metrics;
        RawEvent = rawEvent;
        Request = request;
        Invocation = invocation;
        RouteKey = routeKey;
        _pathParameters = pathParameters;
        _userId = userId;
    }

    public HttpApiRequest Request { get; }

    /// <summary>This invocation's metrics (flushed once, with the function's own, when it ends); null outside a function.</summary>
    public InvocationMetrics? Metrics { get; }

    /// <summary>The event exactly as Lambda delivered it; valid only during the invocation.</summary>
    public ReadOnlyMemory<byte> RawEvent { get; }

    public InvocationContext Invocation { get; }

    public string RouteKey { get; }

    public string Method => Request.RequestContext?.Http?.Method ?? "GET";

    public CancellationToken CancellationToken => Invocation.CancellationToken;

    /// <summary>The caller: the JWT <c>sub</c> claim. Routes that are not anonymous always have one.</summary>
    public string UserId => _userId ?? throw HttpProblemException.Unauthorized();

    public string? Header(string name) => Request.GetHeader(name);

    public string? Query(string name) =>
        Request.QueryStringParameters is { } query && query.TryGetValue(name, out var value) ? value : null;

    public string PathParameter(string name) =>
        _pathParameters is { } p && p.TryGetValue(name, out var value) ? value
        : throw new InvalidOperationException($"Route {RouteKey} has no path parameter '{name}'.");

    /// <summary>The raw body bytes (base64 decoded), checked against the size limit.</summary>
    public byte[] ReadBodyBytes()
    {
        var body = Request.Body;
        if (string.IsNullOrEmpty(body))
        {
            return [];
        }

        byte[] bytes;
        if (Request.IsBase64Encoded)
        {
            if (body.Length / 4 * 3 > MaxBodyBytes + 3)
            {
                throw HttpProblemException.PayloadTooLarge(MaxBodyBytes);
            }

            try
            {
                bytes = Convert.FromBase64String(body);
            }
            catch (FormatException)
            {
                throw HttpProblemException.BadRequest("The body is marked base64 but is not valid base64.");
            }
        }
        else
        {
            if (body.Length > MaxBodyBytes)
            {
                throw HttpProblemException.PayloadTooLarge(MaxBodyBytes);
            }

            bytes = Encoding.UTF8.GetBytes(body);
        }

        return bytes.Length > MaxBodyBytes ? throw HttpProblemException.PayloadTooLarge(MaxBodyBytes) : bytes;
    }

    /// <summary>
    /// Deserializes the JSON body. Missing body → 400, wrong content type → 415, too big → 413, malformed JSON
    /// or a wrong type → 400 naming the field, fields the type does not declare → 400 naming each of them
    /// (except the <c>readOnlyFields</c>: server-set fields of the resource's representation, which may be sent
    /// back as read and are ignored).
    /// </summary>
    public T ReadJson<T>(JsonTypeInfo<T> typeInfo, IReadOnlySet<string>? readOnlyFields = null)
        where T : class
    {
        var contentType = Header("content-type");
        if (contentType is not null && !IsJson(contentType))
        {
            throw HttpProblemException.UnsupportedMediaType();
        }

        var bytes = ReadBodyBytes();
        if (bytes.Length == 0)
        {
            throw HttpProblemException.BadRequest("A JSON body is required.", "body");
        }

        if (NotWellFormed(bytes) is { } problem)
        {
            throw HttpProblemException.BadRequest(problem, "body");
        }

        var unknown = new ValidationErrors();
        UnknownMembers.Collect(bytes, typeInfo, unknown, readOnlyFields);
        unknown.ThrowIfAny();

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw HttpProblemException.BadRequest("The body must be a JSON object.", "body");
        }
        catch (JsonException ex)
        {
            // The syntax is fine (checked above), so this is a value of the wrong type or out of range.
            var field = FieldFromPath(ex.Path);
            throw HttpProblemException.BadRequest(field == "body" ? "The body must be a JSON object." : "Has an invalid value or type.", field);
        }
    }

    /// <summary>
    /// Why <paramref name="json"/> cannot be read, or null. Every name and string is decoded too: JSON's escapes can
    /// spell an unpaired surrogate (<c>"\ud800"</c>), which is valid JSON syntax but no text, and which System.Text.Json
    /// refuses only when the string is read (an <see cref="InvalidOperationException"/>, later, as a 500).
    /// </summary>
    private static string? NotWellFormed(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String)
                {
                    _ = reader.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "The body is not valid JSON.";
        }
        catch (InvalidOperationException)
        {
            return "The body holds a name or string that is not valid text (an unpaired surrogate escape or invalid UTF-8).";
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string FieldFromPath(string? path)
    {
        if (path is null or "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
