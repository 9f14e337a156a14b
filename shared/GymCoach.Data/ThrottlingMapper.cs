using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// When the SDK has spent its retries and DynamoDB still throttles, the right answer to the app is "try again
/// shortly" (503 + Retry-After), not a 500 that looks like a bug.
/// </summary>
public static class ThrottlingMapper
{
    public const int RetryAfterSeconds = 1;

    public static HttpProblemException? Map(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException =>
            HttpProblemException.ServiceUnavailable(RetryAfterSeconds, "The service is busy; retry shortly."),
        AmazonServiceException { ErrorCode: "ThrottlingException" or "TooManyRequestsException" } =>
            HttpProblemException.ServiceUnavailable(RetryAfterSeconds, "The service is busy; retry shortly."),
        _ => null,
    };
}
