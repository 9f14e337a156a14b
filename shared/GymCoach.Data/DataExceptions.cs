using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// The data layer's exceptions as HTTP answers, in one list every service hands its <see cref="HttpFunction"/>:
/// throttling past the SDK's retries → 503, a failed write precondition → 412/428, a start key DynamoDB
/// refuses (a cursor outside its query's bounds) → 400.
/// </summary>
public static class DataExceptions
{
    public static readonly IReadOnlyList<Func<Exception, HttpProblemException?>> Mappers = [ThrottlingMapper.Map, Versioning.Map, MapStartKey];

    private static HttpProblemException? MapStartKey(Exception exception) =>
        exception is Amazon.DynamoDBv2.AmazonDynamoDBException { ErrorCode: "ValidationException" } validation
            && (validation.Message.Contains("starting key", StringComparison.OrdinalIgnoreCase) || validation.Message.Contains("start key", StringComparison.OrdinalIgnoreCase))
            ? HttpProblemException.BadRequest("The cursor is not valid.", "cursor")
            : null;
}
