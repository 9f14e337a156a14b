using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace GymCoach.Data;

/// <summary>
/// Which of the SDK's exceptions mean what, known here so no other layer needs the SDK's exception types:
/// throttling (or a transaction conflict) that outlived the retries (the caller should retry shortly), and a start key DynamoDB
/// refuses (a cursor that does not fit its query).
/// </summary>
public static class StoreFailures
{
    public static bool IsThrottling(Exception exception) => exception switch
    {
        StoreBusyException => true,
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "TooManyRequestsException" } => true,
        // Cancelled for throttling or for conflicts that outlived Transaction's retries: busy, retry shortly.
        TransactionCanceledException { CancellationReasons: { Count: > 0 } reasons }
            when reasons.Any(r => r.Code is "ThrottlingError" or "TransactionConflict" or "ProvisionedThroughputExceeded") => true,
        TransactionInProgressException => true,
        _ => false,
    };

    /// <summary>
    /// A failure that says nothing about the request, only that the store did not answer it this time (after the
    /// SDK's own retries): throttling, a 5xx of DynamoDB, a connection reset, an attempt timed out. Whether the
    /// write landed is unknown; the same request (with its Idempotency-Key) may be sent again.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        _ when IsThrottling(exception) => true,
        AmazonServiceException service => (int)service.StatusCode >= 500,
        AmazonClientException or HttpRequestException or TimeoutException or TaskCanceledException or IOException => true,
        _ => false,
    };

    public static bool IsRejectedStartKey(Exception exception) =>
        exception is AmazonDynamoDBException { ErrorCode: "ValidationException" } validation
        && (validation.Message.Contains("starting key", StringComparison.OrdinalIgnoreCase) || validation.Message.Contains("start key", StringComparison.OrdinalIgnoreCase));
}
