using System.Text.Json;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Reads an API Gateway payload 2.0 event on the request path, keeping only what handlers use. The full
/// source-generated model (<see cref="HttpJsonContext"/>) materialises every field; a real event carries a
/// kilobyte-sized JWT in its authorization header and a dozen claims that the authorizer has already checked,
/// none of which a handler reads. Here headers stay unparsed (<see cref="HttpApiRequest.RawHeaders"/>, looked up by
/// name on demand), only the <c>sub</c> claim is kept (<see cref="HttpApiJwtAuthorizer.Subject"/>), and the
/// request context's descriptive fields are skipped.
/// </summary>
public static class HttpApiRequestReader
{
    private static readonly string[] KnownMethods = ["GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    /// <summary>Reads <paramref name="json"/>; the request keeps a slice of it (headers), so it must outlive the request.</summary>
    public static HttpApiRequest Read(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject);
        var request = new HttpApiRequest();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("rawPath"u8))
            {
                request.RawPath = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("rawQueryString"u8))
            {
                reader.Read();
                request.RawQueryString = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0 ? string.Empty : StringOrNull(ref reader);
            }
            else if (reader.ValueTextEquals("headers"u8))
            {
                // Kept unparsed: a handler reads two or three headers at most, by name.
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (isObject)
                {
                    request.RawHeaders = json[start..(int)reader.BytesConsumed];
                }
            }
            else if (reader.ValueTextEquals("queryStringParameters"u8))
            {
                request.QueryStringParameters = ReadMap(ref reader);
            }
            else if (reader.ValueTextEquals("pathParameters"u8))
            {
                request.PathParameters = ReadMap(ref reader);
            }
            else if (reader.ValueTextEquals("cookies"u8))
            {
                request.Cookies = ReadList(ref reader);
            }
            else if (reader.ValueTextEquals("requestContext"u8))
            {
                request.RequestContext = ReadContext(ref reader, needPath: request.RawPath is null);
            }
            else if (reader.ValueTextEquals("body"u8))
            {
                request.Body = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("isBase64Encoded"u8))
            {
                reader.Read();
                request.IsBase64Encoded = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                Skip(ref reader);
            }
        }

        return request;
    }

    private static HttpApiRequestContext ReadContext(ref Utf8JsonReader reader, bool needPath)
    {
        reader.Read();
        var context = new HttpApiRequestContext();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return context;
        }

        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("timeEpoch"u8))
            {
                reader.Read();
                context.TimeEpoch = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
            }
            else if (reader.ValueTextEquals("http"u8))
            {
                reader.Read();
                var http = new HttpApiHttpDescription();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (NextProperty(ref reader))
                    {
                        if (reader.ValueTextEquals("method"u8))
                        {
                            reader.Read();
                            http.Method = Intern(ref reader, KnownMethods);
                        }
                        else if (needPath && reader.ValueTextEquals("path"u8))
                        {
                            http.Path = ReadString(ref reader);
                        }
                        else
                        {
                            Skip(ref reader);
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }

                context.Http = http;
            }
            else if (reader.ValueTextEquals("authorizer"u8))
            {
                context.Authorizer = ReadAuthorizer(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return context;
    }

    /// <summary>Reads authorizer.jwt.claims.sub and skips everything else.</summary>
    private static HttpApiAuthorizer? ReadAuthorizer(ref Utf8JsonReader reader)
    {
        if (!EnterObject(ref reader))
        {
            return null;
        }

        string? sub = null;
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("jwt"u8) || !EnterObject(ref reader))
            {
                SkipUnlessEntered(ref reader);
                continue;
            }

            while (NextProperty(ref reader))
            {
                if (!reader.ValueTextEquals("claims"u8) || !EnterObject(ref reader))
                {
                    SkipUnlessEntered(ref reader);
                    continue;
                }

                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("sub"u8))
                    {
                        sub = ReadString(ref reader);
                    }
                    else
                    {
                        Skip(ref reader);
                    }
                }
            }
        }

        return new HttpApiAuthorizer { Jwt = new HttpApiJwtAuthorizer { Subject = sub } };
    }

    /// <summary>Moves onto the property's value; true when it is an object to read, else the value is skipped.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>After a property name nobody entered, skips its value; after a failed <see cref="EnterObject"/>, nothing is left to skip.</summary>
    private static void SkipUnlessEntered(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            Skip(ref reader);
        }
    }

    private static Dictionary<string, string>? ReadMap(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                map[name] = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }

        return map;
    }

    private static List<string>? ReadList(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                list.Add(reader.GetString()!);
            }
            else
            {
                reader.Skip();
            }
        }

        return list;
    }

    private static string Intern(ref Utf8JsonReader reader, string[] known)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (!reader.ValueIsEscaped)
            {
                foreach (var candidate in known)
                {
                    if (reader.ValueTextEquals(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return reader.GetString()!;
        }

        throw new JsonException("Expected a string.");
    }

    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of the event.");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return StringOrNull(ref reader);
    }

    private static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException("The event is not a JSON object.");
        }
    }
}
