using System.Text;
using System.Text.Json;
using GymCoach.Lambda.Http;
using GymCoach.LocalInfra;

namespace GymCoach.TestSupport;

/// <summary>Builds HTTP API payload 2.0 events shaped like API Gateway's (see ../shared/reference/events).</summary>
public static class ApiEvents
{
    public static HttpApiRequest Request(
        string method,
        string path,
        string? sub = "user-1",
        string? body = null,
        IDictionary<string, string>? headers = null,
        IDictionary<string, string>? query = null,
        bool base64 = false)
    {
        var allHeaders = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "abc123.execute-api.eu-west-1.amazonaws.com",
            ["user-agent"] = "GymCoach/3.2 (tests)",
        };
        if (body is not null)
        {
            allHeaders["content-type"] = "application/json";
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            allHeaders[name.ToLowerInvariant()] = value;
        }

        return new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = "$default",
            RawPath = path,
            RawQueryString = query is null ? string.Empty : string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")),
            Headers = allHeaders,
            QueryStringParameters = query is null ? null : new Dictionary<string, string>(query),
            Body = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            IsBase64Encoded = base64,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = "123456789012",
                ApiId = "abc123",
                DomainName = "abc123.execute-api.eu-west-1.amazonaws.com",
                RequestId = "apigw-" + Guid.NewGuid().ToString("N")[..12],
                RouteKey = "$default",
                Stage = "$default",
                TimeEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Http = new HttpApiHttpDescription { Method = method, Path = path, Protocol = "HTTP/1.1", SourceIp = "203.0.113.7", UserAgent = "GymCoach/3.2 (tests)" },
                Authorizer = sub is null ? null : new HttpApiAuthorizer
                {
                    Jwt = new HttpApiJwtAuthorizer
                    {
                        Claims = new Dictionary<string, string> { ["sub"] = sub, ["iss"] = "https://issuer.test", ["token_use"] = "id" },
                    },
                },
            },
        };
    }

    public static byte[] Serialize(HttpApiRequest request) =>
        HttpApiEventWriter.Write(request);
}
