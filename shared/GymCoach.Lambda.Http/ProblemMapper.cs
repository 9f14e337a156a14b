using GymCoach.Data;
using GymCoach.Lambda.Errors;

namespace GymCoach.Lambda.Http;

/// <summary>
/// The one place where exceptions become HTTP answers: the domain's (<see cref="DomainException"/>), the data
/// layer's (conflicts, cursors, throttling) and nothing else. Anything it does not know is a bug: 500.
/// </summary>
public static class ProblemMapper
{
    public const int RetryAfterSeconds = 1;

    /// <summary>The problem for <paramref name="exception"/>, or null when it is not an expected failure.</summary>
    public static HttpProblemException? Map(Exception exception) => exception switch
    {
        HttpProblemException problem => problem,
        InvalidInputException invalid => HttpProblemException.Validation(invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
        UnprocessableInputException unprocessable => new HttpProblemException(422, "unprocessable", "Unprocessable Content", unprocessable.Message, unprocessable.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)),
        NotFoundException notFound => HttpProblemException.NotFound(notFound.Message),
        ConflictException conflict => HttpProblemException.Conflict(conflict.Message),
        CollectionFullException full => new HttpProblemException(409, "collection-full", "Collection Full", full.Message),
        JobRefusedException refused => new HttpProblemException(429, "job-" + refused.Limit, "Too Many Requests", refused.Message)
        {
            Headers = [new("retry-after", Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture))],
        },
        AccountDeletingException deleting => new HttpProblemException(409, "account-deleting", "Account Being Deleted", deleting.Message),
        ForbiddenException forbidden => HttpProblemException.Forbidden(forbidden.Message),
        InvalidCursorException cursor => HttpProblemException.BadRequest(cursor.Message, "cursor"),
        ConcurrencyConflictException conflict => conflict.Precondition switch
        {
            { Kind: PreconditionKind.None } => HttpProblemException.PreconditionRequired(),
            not null => HttpProblemException.PreconditionFailed(),
            null => HttpProblemException.Conflict("The resource changed while the request ran; retry it."),
        },
        _ when StoreFailures.IsThrottling(exception) => HttpProblemException.ServiceUnavailable(RetryAfterSeconds, "The service is busy; retry shortly."),
        _ when StoreFailures.IsTransient(exception) => HttpProblemException.ServiceUnavailable(RetryAfterSeconds, "The data store did not answer this time; send the same request again (with its Idempotency-Key, if it had one)."),
        _ when StoreFailures.IsRejectedStartKey(exception) => HttpProblemException.BadRequest("The cursor is not valid.", "cursor"),
        _ => null,
    };
}
