using System.Net;
using GymCoach.LocalInfra;
using Microsoft.AspNetCore.Http;

namespace GymCoach.Local.Gateway;

/// <summary>
/// The API document for the mobile team, served by the local stack only: <c>/openapi.json</c> (generated from
/// the route declarations, <c>docs/openapi.json</c>) and <c>/docs</c>, Swagger UI from the npm package
/// <c>swagger-ui-dist</c> (no CDN), pre-authorised with a development token so "Try it out" calls the local
/// API as a test user at once.
/// </summary>
public sealed class ApiDocs
{
    /// <summary>The subject of the token the docs page is pre-authorised with.</summary>
    public const string DocsSubject = "docs-user";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["swagger-ui.css"] = "text/css",
        ["swagger-ui-bundle.js"] = "text/javascript",
        ["swagger-ui-standalone-preset.js"] = "text/javascript",
        ["favicon-32x32.png"] = "image/png",
    };

    private readonly string _openApiPath;
    private readonly string _assets;
    private readonly Func<string> _token;

    public ApiDocs(string openApiPath, string swaggerUiDirectory, Func<string> token)
    {
        _openApiPath = openApiPath;
        _assets = swaggerUiDirectory;
        _token = token;
    }

    public static ApiDocs ForRepository(LocalTokens tokens) => new(
        Path.Combine(RepoPaths.Root, "docs", "openapi.json"),
        Path.Combine(NpmServers.NodeModules, "swagger-ui-dist"),
        () => tokens.Issue(DocsSubject, TimeSpan.FromHours(8)));

    /// <summary>Answers the request if it is for the docs; false otherwise (then the API handles it).</summary>
    public async Task<bool> TryServeAsync(HttpContext context)
    {
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            return false;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        if (path != "/openapi.json" && path != "/docs" && !path.StartsWith("/docs/", StringComparison.Ordinal))
        {
            return false;
        }

        // The page carries a token: only for this machine's own names (a rebound DNS name must not read it), never cached.
        var host = context.Request.Host.Host;
        if (host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
        {
            context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
            return true;
        }

        context.Response.Headers.CacheControl = "no-store";
        if (path == "/openapi.json")
        {
            await SendFileAsync(context, _openApiPath, "application/json").ConfigureAwait(false);
            return true;
        }

        if (path is "/docs" or "/docs/")
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(_token())).ConfigureAwait(false);
            return true;
        }

        if (path.StartsWith("/docs/", StringComparison.Ordinal) && Assets.TryGetValue(path["/docs/".Length..], out var contentType))
        {
            await SendFileAsync(context, Path.Combine(_assets, path["/docs/".Length..]), contentType).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private static async Task SendFileAsync(HttpContext context, string file, string contentType)
    {
        if (!File.Exists(file))
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            await context.Response.WriteAsync($"{Path.GetFileName(file)} is missing: run 'dotnet run --project tools/GymCoach.Generator' (openapi.json) or let the stack install tools/servers (Swagger UI).").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = contentType;
        await context.Response.SendFileAsync(file).ConfigureAwait(false);
    }

    private static string Page(string token) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>GymCoach API (local)</title>
          <link rel="icon" href="/docs/favicon-32x32.png">
          <link rel="stylesheet" href="/docs/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/docs/swagger-ui-bundle.js"></script>
          <script src="/docs/swagger-ui-standalone-preset.js"></script>
          <script>
            window.ui = SwaggerUIBundle({
              url: "/openapi.json",
              dom_id: "#swagger-ui",
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              layout: "StandaloneLayout",
              persistAuthorization: true,
              onComplete: () => window.ui.preauthorizeApiKey("bearer", "{{token}}"),
            });
          </script>
        </body>
        </html>
        """;
}
