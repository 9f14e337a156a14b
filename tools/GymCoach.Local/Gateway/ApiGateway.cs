using System.Net;
using System.Text.Json;
using GymCoach.Lambda.Http;
using GymCoach.Local.Emulation;
using GymCoach.LocalInfra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GymCoach.Local.Gateway;

/// <summary>
/// The emulated HTTP API: matches routes as API Gateway does (the same <see cref="RouteTemplate"/> rules the
/// services use), runs the JWT authorizer, builds the event, invokes the function's pool and maps the answer,
/// including Lambda's failure modes (429 throttled, 502 crashed, 504 timed out).
/// </summary>
public sealed class ApiGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiGateway(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ApiGateway> StartAsync(
        int port,
        IReadOnlyDictionary<string, FunctionPool> poolsByRouteKey,
        JwtAuthorizer authorizer,
        CorsPolicy? cors,
        Action<string> log,
        ApiDocs? docs = null)
    {
        var router = new Router();
        foreach (var routeKey in poolsByRouteKey.Keys)
        {
            router.Map(routeKey, _ => throw new InvalidOperationException("The gateway never runs route handlers."));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(async context =>
        {
            if (docs is null || !await docs.TryServeAsync(context).ConfigureAwait(false))
            {
                await HandleAsync(context, router, poolsByRouteKey, authorizer, cors, log).ConfigureAwait(false);
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        return new ApiGateway(app, new Uri(app.Urls.First()).Port);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(
        HttpContext context,
        Router router,
        IReadOnlyDictionary<string, FunctionPool> pools,
        JwtAuthorizer authorizer,
        CorsPolicy? cors,
        Action<string> log)
    {
        if (cors is not null && CorsPolicy.IsPreflight(context.Request))
        {
            cors.WritePreflight(context);
            return;
        }

        cors?.AddResponseHeaders(context);
        var method = context.Request.Method.ToUpperInvariant();
        var path = (context.Request.PathBase + context.Request.Path).ToUriComponent();
        var match = router.Match(method, path);
        if (match.Route is not { } route)
        {
            await ResponseMapper.WriteMessageAsync(context, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        var claims = authorizer.Authorize(context.Request.Headers.Authorization.FirstOrDefault(), out var failure);
        if (claims is null)
        {
            log($"[gateway] {method} {path} → 401 ({failure})");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ResponseMapper.WriteMessageAsync(context, 401, "Unauthorized").ConfigureAwait(false);
            return;
        }

        var routeKey = route.Template.RouteKey;
        var apiEvent = await EventBuilder.BuildAsync(context, routeKey, match.Parameters, claims).ConfigureAwait(false);
        context.Response.Headers["apigw-requestid"] = apiEvent.RequestContext!.RequestId;
        var payload = HttpApiEventWriter.Write(apiEvent);

        var outcome = await pools[routeKey].InvokeAsync(payload).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case InvokeStatus.Success:
                await ResponseMapper.WriteAsync(context, outcome.Payload).ConfigureAwait(false);
                break;
            case InvokeStatus.Throttled:
                context.Response.Headers.RetryAfter = "1";
                await ResponseMapper.WriteMessageAsync(context, 429, "Too Many Requests").ConfigureAwait(false);
                break;
            case InvokeStatus.TimedOut:
                await ResponseMapper.WriteMessageAsync(context, 504, "Endpoint request timed out").ConfigureAwait(false);
                break;
            case InvokeStatus.Crashed:
                await ResponseMapper.WriteMessageAsync(context, 502, "Bad Gateway").ConfigureAwait(false);
                break;
            default:
                await ResponseMapper.WriteMessageAsync(context, 500, "Internal Server Error").ConfigureAwait(false);
                break;
        }
    }
}
