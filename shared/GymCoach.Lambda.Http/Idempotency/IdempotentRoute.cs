using System.Security.Cryptography;
using System.Text;
using GymCoach.Data.Writes;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Logging;

namespace GymCoach.Lambda.Http.Idempotency;

/// <summary>
/// Wraps a create route with <c>Idempotency-Key</c> semantics: same key and body → the first response
/// replayed; same key, other body → 422; same key while the first is running → 409. Without the header the
/// route runs as usual with a fresh <see cref="Creation"/>.
/// </summary>
/// <remarks>
/// Exactly once: the handler gets a <see cref="Creation"/> derived from the key, so every attempt creates the
/// same item and <see cref="ItemCreator"/> turns "already there" into success. A request refused with a 4xx
/// before writing releases its key; an attempt whose outcome is unknown (exception, 5xx, deadline) only ends
/// its lease, so the same request can be retried at once and converges on the same item.
/// </remarks>
public static class IdempotentRoute
{
    public const string Header = "idempotency-key";
    public const int MaxKeyLength = 255;

    /// <summary>Longest a release/complete/end-lease call may take once the request itself is done.</summary>
    public static readonly TimeSpan CleanupBudget = TimeSpan.FromSeconds(2);

    public static RouteHandler Wrap(IdempotencyStore store, string scope, CreateHandler inner, TimeProvider? time = null) => async request =>
    {
        var clock = time ?? TimeProvider.System;
        var key = request.Header(Header);
        if (key is null)
        {
            return await inner(request, Creation.New(clock.GetUtcNow())).ConfigureAwait(false);
        }

        CheckKey(key);
        var outcome = await store.BeginAsync(request.UserId, scope, key, RequestHash(request), request.CancellationToken).ConfigureAwait(false);
        switch (outcome.State)
        {
            case IdempotencyState.Replay:
                return Replay(outcome.Response!);
            case IdempotencyState.Mismatch:
                throw HttpProblemException.Unprocessable("This Idempotency-Key was already used with a different request body.");
            case IdempotencyState.InFlight:
                throw HttpProblemException.Conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
        }

        var claim = outcome.Claim!;
        HttpResult result;
        try
        {
            result = await inner(request, claim.Creation).ConfigureAwait(false);
        }
        catch (Exception refusal) when (ProblemMapper.Map(refusal) is { Status: < 500 })
        {
            // Refused before anything was written (validation, not found): a first attempt frees the key for a
            // corrected request; after an attempt of unknown outcome the record must stay (it fixes the item's id).
            await CleanUpAsync(request, token => Refused(store, claim, token)).ConfigureAwait(false);
            throw;
        }
        catch
        {
            // Outcome unknown: something may have been written. Keep the record, end the lease.
            await CleanUpAsync(request, token => store.EndLeaseAsync(claim, token)).ConfigureAwait(false);
            throw;
        }

        if (result.StatusCode >= 500)
        {
            await CleanUpAsync(request, token => store.EndLeaseAsync(claim, token)).ConfigureAwait(false);
            return result;
        }

        if (result.StatusCode >= 400)
        {
            await CleanUpAsync(request, token => Refused(store, claim, token)).ConfigureAwait(false);
            return result;
        }

        var stored = ToStored(result);

        // The work is done whatever happens to the record: answer with it. If completing fails, the claim stays
        // in progress until its lease ends (or is ended here), and a retry converges on the same item.
        var completed = await CleanUpAsync(request, token => store.CompleteAsync(claim, stored, token)).ConfigureAwait(false);
        if (completed is null)
        {
            await CleanUpAsync(request, token => store.EndLeaseAsync(claim, token)).ConfigureAwait(false);
        }

        return Answer(result, stored.Body);
    };

    /// <summary>
    /// Like <see cref="Wrap"/>, for a create that writes its item in one transaction: the handler adds the key's
    /// record (<see cref="AtomicCreation.RecordFor"/>) to that transaction, so a keyed create is one request on
    /// the happy path — no claim before, no completion after, no lease. A retry finds the record: the first
    /// answer is replayed, another body under the key is 422. A refused request wrote nothing, so its key stays
    /// free for a corrected one.
    /// </summary>
    public static RouteHandler WrapAtomic(IdempotencyStore store, string scope, AtomicCreateHandler inner, TimeProvider? time = null) => async request =>
    {
        var clock = time ?? TimeProvider.System;
        var key = request.Header(Header);
        if (key is null)
        {
            return await inner(request, new AtomicCreation(Creation.New(clock.GetUtcNow()), null)).ConfigureAwait(false);
        }

        CheckKey(key);
        var hash = RequestHash(request);
        for (var round = 0; ; round++)
        {
            byte[]? recordedBody = null;
            var create = new AtomicCreation(Creation.New(clock.GetUtcNow()), answer =>
            {
                var stored = ToStored(answer);
                recordedBody = stored.Body;
                return new IdempotencyRecord(store.CompletedRecord(request.UserId, scope, key, hash, stored));
            });
            try
            {
                var result = await inner(request, create).ConfigureAwait(false);
                if (create.Recorded is null)
                {
                    return result;
                }

                return ReferenceEquals(create.Recorded, result)
                    ? Answer(result, recordedBody!)
                    : throw new InvalidOperationException("An atomic create must answer with the result its idempotency record was made from.");
            }
            catch (Exception refusal) when (refusal is not IdempotencyKeyTakenException && ProblemMapper.Map(refusal) is { Status: < 500 })
            {
                // Refused before writing — but a retry may be refused only because its first attempt succeeded
                // (the scheduled entry it started is done now, the plan it copied is gone since): the key's
                // record, if any, answers instead. One read, on the refusal path only.
                var earlier = await store.ResolveTakenAsync(request.UserId, scope, key, hash, null, request.CancellationToken).ConfigureAwait(false);
                if (earlier?.State == IdempotencyState.Replay)
                {
                    return Replay(earlier.Response!);
                }

                throw;
            }
            catch (IdempotencyKeyTakenException taken)
            {
                var outcome = await store.ResolveTakenAsync(request.UserId, scope, key, hash, taken.Existing, request.CancellationToken).ConfigureAwait(false);
                switch (outcome?.State)
                {
                    case IdempotencyState.Replay:
                        return Replay(outcome.Response!);
                    case IdempotencyState.Mismatch:
                        throw HttpProblemException.Unprocessable("This Idempotency-Key was already used with a different request body.");
                    case null when round < 2:
                        continue; // the record went away between the cancellation and our read: try the create again
                    default:
                        throw HttpProblemException.Conflict("A request with this Idempotency-Key is still being processed; retry shortly.");
                }
            }
        }
    };

    private static void CheckKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7E))
        {
            throw HttpProblemException.BadRequest($"Must be 1 to {MaxKeyLength} visible ASCII characters.", "Idempotency-Key");
        }
    }

    /// <summary>The answer as it is kept for replay: status, body bytes, content type, headers and ETag.</summary>
    private static StoredResponse ToStored(HttpResult result)
    {
        var headers = result.Headers.ToList();
        if (result.ETag is not null)
        {
            headers.Add(new("etag", result.ETag));
        }

        return new StoredResponse(result.StatusCode, result.Body?.ToUtf8Bytes() ?? [], result.ContentType, headers);
    }

    /// <summary><paramref name="result"/> with its body as the bytes that were stored, so the answer and a replay are identical.</summary>
    private static HttpResult Answer(HttpResult result, byte[] body)
    {
        var answer = new HttpResult(result.StatusCode, body.Length > 0 ? new RawJsonResponseBody(body) : null, result.ContentType) { ETag = result.ETag };
        foreach (var (name, value) in result.Headers)
        {
            answer.WithHeader(name, value);
        }

        return answer;
    }

    private static Task<bool> Refused(IdempotencyStore store, IdempotencyClaim claim, CancellationToken token) =>
        claim.Attempt == 1 ? store.ReleaseAsync(claim, token) : store.EndLeaseAsync(claim, token);

    /// <summary>SHA-256 of method, path and body: "the same request" for replay purposes.</summary>
    public static string RequestHash(HttpRequestContext request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Request.RawPath}\n"));
        hash.AppendData(request.ReadBodyBytes());
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static HttpResult Replay(StoredResponse stored)
    {
        var replay = new HttpResult(stored.StatusCode, stored.Body.Length > 0 ? new RawJsonResponseBody(stored.Body) : null, stored.ContentType);
        foreach (var (name, value) in stored.Headers)
        {
            replay.WithHeader(name, value);
        }

        return replay.WithHeader("idempotent-replayed", "true");
    }

    /// <summary>
    /// Time for the bookkeeping call: it must run even though the request's own token may have fired
    /// (that is why it runs), but never past the real deadline.
    /// </summary>
    private static TimeSpan Budget(HttpRequestContext request)
    {
        var left = request.Invocation.Deadline - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(50);
        var budget = left < CleanupBudget ? left : CleanupBudget;
        return budget > TimeSpan.Zero ? budget : TimeSpan.Zero;
    }

    /// <summary>Runs a bookkeeping call; its failure is logged, never thrown over the request's own outcome. Null when it failed.</summary>
    private static async Task<bool?> CleanUpAsync(HttpRequestContext request, Func<CancellationToken, Task<bool>> call)
    {
        try
        {
            using var budget = new CancellationTokenSource(Budget(request));
            return await call(budget.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Default.Write(LogLevel.Warn, $"Idempotency bookkeeping failed ({ex.GetType().Name}): {ex.Message}", request.Invocation.RequestId, request.Invocation.TraceId);
            return null;
        }
    }
}
