using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GymCoach.Local.Gateway;

/// <summary>The HttpApi's CorsConfiguration from the template: preflights answered by the gateway, headers added to responses.</summary>
public sealed class CorsPolicy
{
    private readonly HashSet<string> _origins;
    private readonly string _methods;
    private readonly string _headers;
    private readonly string? _expose;
    private readonly string? _maxAge;

    public CorsPolicy(IEnumerable<string> origins, IEnumerable<string> methods, IEnumerable<string> headers, IEnumerable<string> expose, int? maxAge)
    {
        _origins = origins.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _methods = string.Join(',', methods);
        _headers = string.Join(',', headers);
        var exposed = string.Join(',', expose);
        _expose = exposed.Length > 0 ? exposed : null;
        _maxAge = maxAge?.ToString(CultureInfo.InvariantCulture);
    }

    public static CorsPolicy? FromTemplate(JsonElement cors, Func<JsonElement, IEnumerable<string>> resolveList)
    {
        if (cors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        IEnumerable<string> List(string name) => cors.TryGetProperty(name, out var v) ? resolveList(v) : [];
        int? maxAge = cors.TryGetProperty("MaxAge", out var m) ? m.GetInt32() : null;
        return new CorsPolicy(List("AllowOrigins"), List("AllowMethods"), List("AllowHeaders"), List("ExposeHeaders"), maxAge);
    }

    public bool Allows(string? origin) => origin is not null && (_origins.Contains("*") || _origins.Contains(origin));

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Origin") && request.Headers.ContainsKey("Access-Control-Request-Method");

    public void WritePreflight(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        context.Response.StatusCode = 204;
        if (!Allows(origin))
        {
            return;
        }

        context.Response.Headers["access-control-allow-origin"] = origin;
        context.Response.Headers["access-control-allow-methods"] = _methods;
        context.Response.Headers["access-control-allow-headers"] = _headers;
        if (_maxAge is not null)
        {
            context.Response.Headers["access-control-max-age"] = _maxAge;
        }
    }

    public void AddResponseHeaders(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !Allows(origin))
        {
            return;
        }

        context.Response.Headers["access-control-allow-origin"] = origin;
        if (_expose is not null)
        {
            context.Response.Headers["access-control-expose-headers"] = _expose;
        }
    }
}
