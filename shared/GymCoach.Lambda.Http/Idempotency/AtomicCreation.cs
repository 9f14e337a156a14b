using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;

namespace GymCoach.Lambda.Http.Idempotency;

/// <summary>
/// What a single-transaction create route is given: the <see cref="Creation"/> of its new item, and — when the
/// request carries an <c>Idempotency-Key</c> — the record to write in the same transaction, made from the very
/// answer the route will return (so a retry replays it byte for byte).
/// </summary>
public sealed class AtomicCreation
{
    private readonly Func<HttpResult, IdempotencyRecord>? _recordFor;

    internal AtomicCreation(Creation creation, Func<HttpResult, IdempotencyRecord>? recordFor)
    {
        Creation = creation;
        _recordFor = recordFor;
    }

    public Creation Creation { get; }

    /// <summary>The answer the record was made from: the route must return exactly it.</summary>
    internal HttpResult? Recorded { get; private set; }

    /// <summary>
    /// The record that binds the key to <paramref name="answer"/>; null when the request has no key. Asked again
    /// (the create was answered with another item after all), the last answer is the one the route must return.
    /// </summary>
    public IdempotencyRecord? RecordFor(HttpResult answer)
    {
        if (_recordFor is null)
        {
            return null;
        }

        Recorded = answer;
        return _recordFor(answer);
    }
}

/// <summary>A create route whose item and idempotency record land in one DynamoDB transaction.</summary>
public delegate ValueTask<HttpResult> AtomicCreateHandler(HttpRequestContext request, AtomicCreation create);
