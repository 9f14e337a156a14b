using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Http;

/// <summary>
/// API Gateway HTTP API payload format 2.0, as it arrives: header names lower-cased, repeated query
/// parameters comma-joined, the body possibly base64. Our own type because Amazon.Lambda.APIGatewayEvents
/// is not available; the shape follows AWS's documentation field for field.
/// </summary>
public sealed class HttpApiRequest
{
    public string? Version { get; set; }

    public string? RouteKey { get; set; }

    public string? RawPath { get; set; }

    public string? RawQueryString { get; set; }

    public List<string>? Cookies { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>
    /// The event's <c>headers</c> object, unparsed, when the request was read by <see cref="HttpApiRequestReader"/>
    /// (which then leaves <see cref="Headers"/> null). Valid only during the invocation; read it with
    /// <see cref="GetHeader"/>.
    /// </summary>
    public ReadOnlyMemory<byte> RawHeaders { get; set; }

    public Dictionary<string, string>? QueryStringParameters { get; set; }

    public Dictionary<string, string>? PathParameters { get; set; }

    public Dictionary<string, string>? StageVariables { get; set; }

    public HttpApiRequestContext? RequestContext { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    /// <summary>
    /// A header's value by name. Payload 2.0 header names are lower-case; a name in another case is still
    /// found, more slowly.
    /// </summary>
    public string? GetHeader(string name)
    {
        if (Headers is { } headers)
        {
            return headers.TryGetValue(name, out var value) ? value
                : headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return RawHeaders.IsEmpty ? null : FindRawHeader(RawHeaders.Span, name);
    }

    private static string? FindRawHeader(ReadOnlySpan<byte> json, string name)
    {
        var reader = new System.Text.Json.Utf8JsonReader(json);
        reader.Read();
        string? caseInsensitiveMatch = null;
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var exact = reader.ValueTextEquals(name);
            var other = !exact && caseInsensitiveMatch is null && (reader.ValueIsEscaped
                ? string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase)
                : System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name));
            reader.Read();
            if (reader.TokenType != System.Text.Json.JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            if (exact)
            {
                return reader.GetString();
            }

            if (other)
            {
                caseInsensitiveMatch = reader.GetString();
            }
        }

        return caseInsensitiveMatch;
    }
}

/// <summary>Who called, how, and what the authorizer established.</summary>
public sealed class HttpApiRequestContext
{
    public string? AccountId { get; set; }

    public string? ApiId { get; set; }

    public HttpApiAuthorizer? Authorizer { get; set; }

    public string? DomainName { get; set; }

    public string? DomainPrefix { get; set; }

    public HttpApiHttpDescription? Http { get; set; }

    public string? RequestId { get; set; }

    public string? RouteKey { get; set; }

    public string? Stage { get; set; }

    public string? Time { get; set; }

    public long TimeEpoch { get; set; }
}

/// <summary>The authorizer's output; we only use the JWT authorizer.</summary>
public sealed class HttpApiAuthorizer
{
    public HttpApiJwtAuthorizer? Jwt { get; set; }
}

/// <summary>
/// Claims of a validated JWT. The reader keeps only <see cref="Subject"/>; <see cref="Claims"/> is what an event
/// writer (the local gateway, tests) puts in the event — API Gateway passes every claim as a string.
/// </summary>
public sealed class HttpApiJwtAuthorizer
{
    public Dictionary<string, string>? Claims { get; set; }

    /// <summary>The <c>sub</c> claim, as <see cref="HttpApiRequestReader"/> read it (it keeps no other claim).</summary>
    public string? Subject { get; set; }

    public List<string>? Scopes { get; set; }
}

/// <summary>The HTTP part of the request context.</summary>
public sealed class HttpApiHttpDescription
{
    public string? Method { get; set; }

    public string? Path { get; set; }

    public string? Protocol { get; set; }

    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }
}
