using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using GymCoach.Data.Limits;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Turns Lambda invocations carrying HTTP API events into routed handler calls, and every outcome into a
/// response: problems for 4xx (mapped in one place, <see cref="ProblemMapper"/>), a 500 that shows only the
/// request id for bugs. The log line, metrics and deadline are the function core's
/// (<see cref="LambdaFunction"/>). Shared by all four services; each only supplies its <see cref="Router"/>.
/// </summary>
/// <remarks>
/// With an <see cref="AccountFence"/>, no route of a user answers while the account is being deleted (409
/// <c>account-deleting</c>) but the deletion's own (<see cref="RouteSpec.DuringDeletion"/>), whatever any
/// instance has cached: the fence is read consistently on every request. A read runs its handler meanwhile (the
/// fence costs a cached GET one round trip, an uncached one nothing more) and its answer is dropped when the
/// account turns out to be going; any other request asks first, so nothing is attempted on a going account.
/// </remarks>
public sealed class HttpFunction : LambdaFunction
{
    private readonly Router _router;
    private readonly AccountFence? _fence;
    private UserRateLimiter? _limiter;

    public HttpFunction(Router router, LambdaLogger? logger = null, AccountFence? fence = null)
        : base(logger)
    {
        _router = router;
        _fence = fence;
    }

    /// <summary>Whether the function refuses requests of accounts being deleted (every service's does; bare test routers need not).</summary>
    public bool Fenced => _fence is not null;

    /// <summary>
    /// Counts every request of a user against <paramref name="limiter"/>'s limits (429 with Retry-After past them).
    /// Set once, during init: every deployed function has one; tests that count requests or send thousands of
    /// cases as one user build theirs without.
    /// </summary>
    public HttpFunction LimitPerUser(UserRateLimiter limiter)
    {
        _limiter = limiter;
        return this;
    }

    public Router Router => _router;

    protected override async ValueTask<InvocationSummary> InvokeAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        // Everything from reading the event to writing the answer is inside the error handling: whatever fails,
        // the caller gets a problem+json answer carrying the request id, never a Lambda function error.
        HttpApiRequest request;
        try
        {
            request = HttpApiRequestReader.Read(payload);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportError($"Unreadable HTTP API event ({ex.GetType().FullName}): {ex.Message}");
            WriteFallback(response, InternalError(context.RequestId), null);
            return new InvocationSummary("-", "-", 500);
        }

        var method = request.RequestContext?.Http?.Method?.ToUpperInvariant() ?? "GET";
        var path = request.RawPath ?? request.RequestContext?.Http?.Path ?? "/";
        var match = _router.Match(method, path);
        var route = match.Route?.Template.RouteKey ?? "-";

        var result = await DispatchAsync(request, payload, match, method, path, context).ConfigureAwait(false);
        while (true)
        {
            try
            {
                ResponseWriter.Write(response, result, request);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ReportError($"Writing the {result.StatusCode} response of {method} {path} failed ({ex.GetType().FullName}): {ex.Message}\n{ex.StackTrace}");
                result = InternalError(context.RequestId);
                WriteFallback(response, result, request);
                break;
            }

            if (response is not ReusableBuffer written || written.WrittenCount <= MaxResponseBytes)
            {
                break;
            }

            // Past Lambda's 6 MB the platform would answer 502 with nothing. A page is asked again with half the
            // limit (fewer items and a cursor to the rest: what paging already promises); anything else is our bug.
            written.Reset();
            if (match.Route?.Spec.Query.Any(q => q.Name == "limit") == true && Halved(request) is { } smaller)
            {
                (request.QueryStringParameters ??= new(StringComparer.Ordinal))["limit"] = smaller;
                Metrics.Add("PagesShrunk", 1);
                result = await DispatchAsync(request, payload, match, method, path, context, counted: true).ConfigureAwait(false);
                continue;
            }

            ReportError($"The {result.StatusCode} response of {method} {path} would pass Lambda's {MaxResponseBytes} bytes.");
            result = InternalError(context.RequestId);
        }

        return new InvocationSummary(method, route, result.StatusCode);
    }

    /// <summary>Writes a problem over whatever a failed write left behind (the runtime's buffer can be rewound).</summary>
    private static void WriteFallback(IBufferWriter<byte> response, HttpResult problem, HttpApiRequest? request)
    {
        if (response is ReusableBuffer buffer)
        {
            buffer.Reset();
        }

        ResponseWriter.Write(response, problem, request ?? new HttpApiRequest());
    }

    /// <summary>Lambda's limit on a synchronous invocation's response (6 MB), which the written envelope must stay within.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    /// <summary>Half the page size the request asked for (or the default), as text; null when it is already 1.</summary>
    private static string? Halved(HttpApiRequest request)
    {
        var raw = request.QueryStringParameters?.GetValueOrDefault("limit");
        var limit = int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked is >= 1 and <= QueryParameters.MaxLimit
            ? asked
            : QueryParameters.DefaultLimit;
        return limit > 1 ? (limit / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static HttpResult InternalError(string requestId) => HttpResult.Problem(new ProblemDetails
    {
        Type = "https://api.gymcoach.app/problems/internal",
        Title = "Internal Server Error",
        Status = 500,
        Detail = "Something went wrong on our side. Quote the request id if you report it.",
        RequestId = requestId,
    });

    /// <remarks><paramref name="counted"/>: the request was already counted against the account's limit (a page asked again smaller).</remarks>
    private async ValueTask<HttpResult> DispatchAsync(HttpApiRequest request, ReadOnlyMemory<byte> payload, RouteMatch match, string method, string path, InvocationContext context, bool counted = false)
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

            if (userId is not null && _limiter is not null && !counted && await AcquireAsync(_limiter, userId, method, path, context.CancellationToken) is { Allowed: false } refused)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds));
                throw new HttpProblemException(
                    429,
                    "rate-limited",
                    "Too Many Requests",
                    $"This account sent more than {refused.Limit.Requests} {(method == "GET" ? "reads" : "writes")} in {refused.Limit.Window.TotalSeconds:F0} s; retry after {seconds} s.")
                {
                    Headers = [new("retry-after", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                };
            }

            var requestContext = new HttpRequestContext(request, context, route.Template.RouteKey, match.Parameters, userId, payload, Metrics);
            return userId is null || _fence is null || route.Spec.DuringDeletion || route.Spec.FencesItself
                ? await route.Handler(requestContext).ConfigureAwait(false)
                : await FencedAsync(_fence, route, requestContext, userId, method, context.CancellationToken).ConfigureAwait(false);
        }
        catch (HttpProblemException problem)
        {
            return ToResult(problem, context.RequestId);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            ReportError($"{method} {path} ran out of time before its deadline.");
            return ToResult(
                new HttpProblemException(503, "timeout", "Service Unavailable", "The request could not finish in time; retry it.")
                {
                    Headers = [new("retry-after", "1")],
                },
                context.RequestId);
        }
        catch (Exception ex)
        {
            if (ProblemMapper.Map(ex) is { } mapped)
            {
                if (mapped.Status >= 500)
                {
                    ReportError($"{ex.GetType().Name}: {ex.Message}");
                }

                if (mapped.Status == 412 && mapped.Current is null && method != "GET" && Subject(request) is { } owner
                    && await CurrentAsync(request, payload, path, owner, context).ConfigureAwait(false) is { } current)
                {
                    mapped = mapped.WithCurrent(current.Body, current.ETag);
                }

                return ToResult(mapped, context.RequestId);
            }

            ReportError($"Unhandled {ex.GetType().FullName} on {method} {path}: {ex.Message}\n{ex.StackTrace}");
            return InternalError(context.RequestId);
        }
    }

    /// <summary>
    /// A write refused for a stale version answers with the resource as it is now: what the route's GET twin (the
    /// same path) answers the same caller, when there is one and it answers 200. The client merges and retries with
    /// the new ETag, without another round trip. Reading it is best effort: a failure leaves the plain 412.
    /// </summary>
    private async ValueTask<(System.Text.Json.JsonElement Body, string? ETag)?> CurrentAsync(HttpApiRequest request, ReadOnlyMemory<byte> payload, string path, string userId, InvocationContext context)
    {
        if (_router.Match("GET", path) is not { Route: { } twin } match)
        {
            return null;
        }

        try
        {
            var read = await twin.Handler(new HttpRequestContext(request, context, twin.Template.RouteKey, match.Parameters, userId, payload, Metrics)).ConfigureAwait(false);
            if (read.StatusCode != 200 || read.Body is null)
            {
                return null;
            }

            using var document = System.Text.Json.JsonDocument.Parse(read.Body.ToUtf8Bytes());
            return (document.RootElement.Clone(), read.ETag);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !context.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Counts the request against the account's limit. A limiter that cannot reach its counter (DynamoDB refusing
    /// it: throttled, or a policy gone wrong) lets the request through and says so in an ERROR line: a limit is
    /// protection, not a reason to fail requests that would otherwise succeed.
    /// </summary>
    private async ValueTask<RateDecision?> AcquireAsync(UserRateLimiter limiter, string userId, string method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await limiter.AcquireAsync(userId, method != "GET", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is Amazon.Runtime.AmazonServiceException || GymCoach.Data.StoreFailures.IsTransient(ex)))
        {
            Logger.Write(LogLevel.Error, $"The rate limiter could not count {method} {path} ({ex.GetType().Name}: {ex.Message}); it was let through.");
            Metrics.Add("RateLimiterFailedOpen", 1);
            return null;
        }
    }

    /// <summary>Runs a route of a user whose account may be being deleted: a read side by side with the fence, anything else after it.</summary>
    private static async ValueTask<HttpResult> FencedAsync(AccountFence fence, Route route, HttpRequestContext request, string userId, string method, CancellationToken cancellationToken)
    {
        if (method != "GET")
        {
            await fence.ThrowIfDeletingAsync(userId, cancellationToken).ConfigureAwait(false);
            return await route.Handler(request).ConfigureAwait(false);
        }

        var deleting = fence.IsDeletingAsync(userId, cancellationToken).AsTask();
        HttpResult? result = null;
        ExceptionDispatchInfo? failure = null;
        try
        {
            result = await route.Handler(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        if (await deleting.ConfigureAwait(false))
        {
            throw new AccountDeletingException();
        }

        failure?.Throw();
        return result!;
    }

    /// <summary>
    /// The caller's identity: the JWT authorizer's <c>sub</c> claim, and nothing else — and only when it is a
    /// subject <see cref="SubjectRules"/> accepts; any other is no identity at all (401).
    /// </summary>
    public static string? Subject(HttpApiRequest request)
    {
        var sub = request.RequestContext?.Authorizer?.Jwt?.Subject;
        return SubjectRules.IsAcceptable(sub) ? sub : null;
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
            Current = problem.Current,
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
