using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GymCoach.Lambda.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace GymCoach.Local.Gateway;

/// <summary>
/// Builds the payload 2.0 event from an HTTP request the way API Gateway does: lower-case header names with
/// repeated values comma-joined, cookies moved out of the headers, query parameters decoded and comma-joined,
/// text bodies as is and everything else base64.
/// </summary>
public static class EventBuilder
{
    public static async Task<HttpApiRequest> BuildAsync(HttpContext context, string routeKey, Dictionary<string, string>? pathParameters, Dictionary<string, string>? claims)
    {
        var request = context.Request;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string>? cookies = null;
        foreach (var (name, values) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies = values.SelectMany(v => (v ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
                continue;
            }

            headers[lower] = string.Join(',', values.ToArray());
        }

        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        Dictionary<string, string>? query = null;
        if (rawQuery.Length > 0)
        {
            query = QueryHelpers.ParseQuery(rawQuery).ToDictionary(q => q.Key, q => string.Join(',', q.Value.ToArray()), StringComparer.Ordinal);
        }

        string? body = null;
        var base64 = false;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            if (buffer.Length > 0)
            {
                base64 = !IsText(request.ContentType);
                body = base64 ? Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length) : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }

        var now = DateTimeOffset.UtcNow;
        var path = request.PathBase + request.Path;
        return new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = routeKey,
            RawPath = path.ToUriComponent(),
            RawQueryString = rawQuery,
            Cookies = cookies,
            Headers = headers,
            QueryStringParameters = query,
            PathParameters = pathParameters,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = "000000000000",
                ApiId = "local",
                DomainName = request.Host.Host,
                DomainPrefix = request.Host.Host.Split('.')[0],
                RequestId = NewRequestId(),
                RouteKey = routeKey,
                Stage = "$default",
                Time = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                TimeEpoch = now.ToUnixTimeMilliseconds(),
                Http = new HttpApiHttpDescription
                {
                    Method = request.Method.ToUpperInvariant(),
                    Path = path.ToUriComponent(),
                    Protocol = request.Protocol,
                    SourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                    UserAgent = headers.GetValueOrDefault("user-agent") ?? string.Empty,
                },
                Authorizer = claims is null ? null : new HttpApiAuthorizer { Jwt = new HttpApiJwtAuthorizer { Claims = claims } },
            },
            Body = body,
            IsBase64Encoded = base64,
        };
    }

    /// <summary>API Gateway request ids look like <c>JKJaXmPLvHcESHA=</c>.</summary>
    public static string NewRequestId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(10))[..14] + "=";

    internal static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
            || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }
}
