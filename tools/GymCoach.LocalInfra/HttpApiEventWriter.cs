using System.Text.Json;
using GymCoach.Lambda.Http;

namespace GymCoach.LocalInfra;

/// <summary>
/// Writes an HTTP API payload 2.0 event the way API Gateway sends it, for everything that plays API Gateway
/// here: the local gateway, the process tests, the benchmarks. The services read events with
/// <see cref="HttpApiRequestReader"/> only; this is the one writer, so there is one shape of the event.
/// </summary>
public static class HttpApiEventWriter
{
    public static byte[] Write(HttpApiRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("version", request.Version ?? "2.0");
            writer.WriteString("routeKey", request.RouteKey ?? "$default");
            WriteString(writer, "rawPath", request.RawPath);
            writer.WriteString("rawQueryString", request.RawQueryString ?? string.Empty);
            if (request.Cookies is { Count: > 0 } cookies)
            {
                writer.WriteStartArray("cookies");
                foreach (var cookie in cookies)
                {
                    writer.WriteStringValue(cookie);
                }

                writer.WriteEndArray();
            }

            WriteMap(writer, "headers", request.Headers);
            WriteMap(writer, "queryStringParameters", request.QueryStringParameters);
            WriteMap(writer, "pathParameters", request.PathParameters);
            WriteMap(writer, "stageVariables", request.StageVariables);
            if (request.RequestContext is { } context)
            {
                writer.WriteStartObject("requestContext");
                WriteString(writer, "accountId", context.AccountId);
                WriteString(writer, "apiId", context.ApiId);
                if (context.Authorizer?.Jwt is { } jwt)
                {
                    writer.WriteStartObject("authorizer");
                    writer.WriteStartObject("jwt");
                    var claims = jwt.Claims ?? (jwt.Subject is { } sub ? new Dictionary<string, string> { ["sub"] = sub } : null);
                    WriteMap(writer, "claims", claims ?? []);
                    if (jwt.Scopes is { Count: > 0 } scopes)
                    {
                        writer.WriteStartArray("scopes");
                        foreach (var scope in scopes)
                        {
                            writer.WriteStringValue(scope);
                        }

                        writer.WriteEndArray();
                    }
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                WriteString(writer, "domainName", context.DomainName);
                WriteString(writer, "domainPrefix", context.DomainPrefix);
                if (context.Http is { } http)
                {
                    writer.WriteStartObject("http");
                    WriteString(writer, "method", http.Method);
                    WriteString(writer, "path", http.Path);
                    writer.WriteString("protocol", http.Protocol ?? "HTTP/1.1");
                    WriteString(writer, "sourceIp", http.SourceIp);
                    WriteString(writer, "userAgent", http.UserAgent);
                    writer.WriteEndObject();
                }

                WriteString(writer, "requestId", context.RequestId);
                writer.WriteString("routeKey", context.RouteKey ?? request.RouteKey ?? "$default");
                writer.WriteString("stage", context.Stage ?? "$default");
                WriteString(writer, "time", context.Time);
                writer.WriteNumber("timeEpoch", context.TimeEpoch);
                writer.WriteEndObject();
            }

            if (request.Body is not null)
            {
                writer.WriteString("body", request.Body);
            }

            writer.WriteBoolean("isBase64Encoded", request.IsBase64Encoded);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
