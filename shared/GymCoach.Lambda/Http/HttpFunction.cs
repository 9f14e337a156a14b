using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Turns Lambda invocations carrying HTTP API events into routed handler calls, and every outcome into a
/// response: problems for 4xx, a 500 that shows only the request id for bugs, one log line per request and
/// a ColdStart metric on the first. Shared by all four services; each only supplies its <see cref="Router"/>.
/// </summary>
public sealed class HttpFunction : IInvocationHandler
{
    private readonly Router _router;
    private readonly LambdaLogger _logger;
    private readonly Metrics _metrics;
    private readonly IReadOnlyList<Func<Exception, HttpProblemException?>> _exceptionMappers;

    public HttpFunction(Router router, LambdaLogger? logger = null, IReadOnlyList<Func<Exception, HttpProblemException?>>? exceptionMappers = null)
    {
        _router = router;
        _logger = logger ?? Log.Default;
        _metrics = new Metrics(_logger);
        _exceptionMappers = exceptionMappers ?? [];
    }

    public Router Router => _router;

    public async ValueTask HandleAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (context.IsColdStart)
        {
            _metrics.Emit("ColdStart", 1, MetricUnit.Count);
        }

        var request = HttpApiRequestReader.Read(payload);
        var method = request.RequestContext?.Http?.Method?.ToUpperInvariant() ?? "GET";
        var path = request.RawPath ?? request.RequestContext?.Http?.Path ?? "/";
        var match = _router.Match(method, path);
        var route = match.Route?.Template.RouteKey ?? "-";

        var result = await DispatchAsync(request, payload, match, method, path, context).ConfigureAwait(false);
        ResponseWriter.Write(response, result, request);

        _logger.Request(new RequestLogEntry(
            context.RequestId, context.TraceId, context.IsColdStart, method, route, result.StatusCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }

    private async ValueTask<HttpResult> DispatchAsync(HttpApiRequest request, ReadOnlyMemory<byte> payload, RouteMatch match, string method, string path, InvocationContext context)
    {
        try
        {
            if (match.Route is not { } route)
            {
                throw match.MethodNotAllowed
                    ? new HttpProblemException(405, "method-not-allowed", "Method Not Allowed", $"{method} is not supported on {path}.")
                    {
                        Headers = [new("allow", string.Join(", ", match.AllowedMethods!.Distinct()))],
                    }
                    : HttpProblemException.NotFound($"No route matches {method} {path}.");
            }

            var userId = Subject(request);
            if (userId is null && !route.Anonymous)
            {
                throw HttpProblemException.Unauthorized();
            }

            var requestContext = new HttpRequestContext(request, context, route.Template.RouteKey, match.Parameters, userId, payload);
            return await route.Handler(requestContext).ConfigureAwait(false);
        }
        catch (HttpProblemException problem)
        {
            return ToResult(problem, context.RequestId);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            _logger.Write(LogLevel.Error, $"{method} {path} ran out of time before its deadline.", context.RequestId, context.TraceId);
            return ToResult(
                new HttpProblemException(503, "timeout", "Service Unavailable", "The request could not finish in time; retry it.")
                {
                    Headers = [new("retry-after", "1")],
                },
                context.RequestId);
        }
        catch (Exception ex)
        {
            foreach (var mapper in _exceptionMappers)
            {
                if (mapper(ex) is { } mapped)
                {
                    _logger.Write(LogLevel.Warn, $"{method} {path} → {mapped.Status}: {ex.GetType().Name}: {ex.Message}", context.RequestId, context.TraceId);
                    return ToResult(mapped, context.RequestId);
                }
            }

            _logger.Write(LogLevel.Error, $"Unhandled {ex.GetType().FullName} on {method} {path}: {ex.Message}\n{ex.StackTrace}", context.RequestId, context.TraceId);
            return HttpResult.Problem(new ProblemDetails
            {
                Type = "https://api.gymcoach.app/problems/internal",
                Title = "Internal Server Error",
                Status = 500,
                Detail = "Something went wrong on our side. Quote the request id if you report it.",
                RequestId = context.RequestId,
            });
        }
    }

    /// <summary>The caller's identity: the JWT authorizer's <c>sub</c> claim, and nothing else.</summary>
    public static string? Subject(HttpApiRequest request)
    {
        var jwt = request.RequestContext?.Authorizer?.Jwt;
        var sub = jwt?.Subject ?? (jwt?.Claims is { } claims && claims.TryGetValue("sub", out var claim) ? claim : null);
        return string.IsNullOrWhiteSpace(sub) ? null : sub;
    }

    private static HttpResult ToResult(HttpProblemException problem, string requestId)
    {
        var result = HttpResult.Problem(new ProblemDetails
        {
            Type = problem.Type,
            Title = problem.Title,
            Status = problem.Status,
            Detail = problem.Detail,
            Errors = problem.Errors,
            RequestId = requestId,
        });
        if (problem.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                result.WithHeader(name, value);
            }
        }

        return result;
    }
}
