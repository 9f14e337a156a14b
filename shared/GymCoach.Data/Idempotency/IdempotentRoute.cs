using System.Security.Cryptography;
using System.Text;
using GymCoach.Lambda.Http;

namespace GymCoach.Data.Idempotency;

/// <summary>
/// Wraps a create route with <c>Idempotency-Key</c> semantics: same key and body → the first response
/// replayed; same key, other body → 422; same key while the first is running → 409. Without the header the
/// route runs as usual. A request that fails (4xx problem, 5xx, exception) releases its key.
/// </summary>
public static class IdempotentRoute
{
    public const string Header = "idempotency-key";
    public const int MaxKeyLength = 255;

    public static RouteHandler Wrap(IdempotencyStore store, string scope, RouteHandler inner) => async request =>
    {
        var key = request.Header(Header);
        if (key is null)
        {
            return await inner(request).ConfigureAwait(false);
        }

        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7E))
        {
            throw HttpProblemException.BadRequest($"Must be 1 to {MaxKeyLength} visible ASCII characters.", "Idempotency-Key");
        }

        var userId = request.UserId;
        var hash = RequestHash(request);
        var outcome = await store.BeginAsync(userId, scope, key, hash, request.CancellationToken).ConfigureAwait(false);
        switch (outcome.State)
        {
            case IdempotencyState.Replay:
                var stored = outcome.Response!;
                var replay = new HttpResult(stored.StatusCode, stored.Body.Length > 0 ? new RawJsonResponseBody(stored.Body) : null, stored.ContentType);
                foreach (var (name, value) in stored.Headers)
                {
                    replay.WithHeader(name, value);
                }

                return replay.WithHeader("idempotent-replayed", "true");
            case IdempotencyState.Mismatch:
                throw HttpProblemException.Unprocessable("This Idempotency-Key was already used with a different request body.");
            case IdempotencyState.InFlight:
                throw HttpProblemException.Conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
        }

        HttpResult result;
        try
        {
            result = await inner(request).ConfigureAwait(false);
        }
        catch
        {
            await store.AbandonAsync(userId, scope, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.StatusCode >= 500)
        {
            await store.AbandonAsync(userId, scope, key, CancellationToken.None).ConfigureAwait(false);
            return result;
        }

        var body = result.Body?.ToUtf8Bytes() ?? [];
        var headers = result.Headers.ToList();
        if (result.ETag is not null)
        {
            headers.Add(new("etag", result.ETag));
        }

        await store.CompleteAsync(userId, scope, key, new StoredResponse(result.StatusCode, body, result.ContentType, headers), request.CancellationToken).ConfigureAwait(false);
        var completed = new HttpResult(result.StatusCode, body.Length > 0 ? new RawJsonResponseBody(body) : null, result.ContentType) { ETag = result.ETag };
        foreach (var (name, value) in result.Headers)
        {
            completed.WithHeader(name, value);
        }

        return completed;
    };

    /// <summary>SHA-256 of method, path and body: "the same request" for replay purposes.</summary>
    public static string RequestHash(HttpRequestContext request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Request.RawPath}\n"));
        hash.AppendData(request.ReadBodyBytes());
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
