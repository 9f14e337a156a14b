using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Logging;

namespace GymCoach.Data;

/// <summary>
/// Creates the process's one DynamoDB client during Lambda init. The region comes from <c>AWS_REGION</c> and
/// the endpoint from the SDK's own <c>AWS_ENDPOINT_URL_DYNAMODB</c> (how DynamoDB Local is reached), so no
/// custom configuration exists. Priming issues one cheap call so that TLS, credentials and the SDK's
/// marshallers are set up inside Init Duration, not on the first user's request.
/// </summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create()
    {
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = Amazon.Runtime.RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(5),
        };
        return new AmazonDynamoDBClient(config);
    }

    /// <summary>
    /// Opens the connection (TLS, credentials, the SDK's GetItem pipeline — what the first request would pay)
    /// with an eventually consistent GetItem of <see cref="Keys.PrimingPartition"/>: the cheapest call there
    /// is (0.5 read units), and one the function's least-privilege policy already allows, unlike DescribeTable.
    /// A failure is logged, not fatal: the first request retries.
    /// </summary>
    public static void Prime(IAmazonDynamoDB client, string tableName)
    {
        try
        {
            client.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = new()
                {
                    [Keys.PartitionKey] = Attributes.S(Keys.PrimingPartition),
                    [Keys.SortKey] = Attributes.S(Keys.PrimingSortKey),
                },
                ProjectionExpression = Keys.PartitionKey,
            }).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is AmazonDynamoDBException or HttpRequestException or TaskCanceledException or Amazon.Runtime.AmazonClientException)
        {
            Log.Default.Write(LogLevel.Warn, $"Priming DynamoDB failed ({ex.GetType().Name}): {ex.Message}");
        }
    }
}
