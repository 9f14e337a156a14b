using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GymCoach.Data;
using GymCoach.Lambda.Logging;

namespace GymCoach.Lambda.Http;

/// <summary>
/// What a service's function is built over. In Lambda they come from the environment; tests and tools pass
/// their own (DynamoDB Local, s3rver, a manual clock, a capturing logger), so every service can be built the same
/// way by code that knows none of them. Without <c>Files</c> a service signs S3 URLs but cannot reach S3.
/// </summary>
public sealed record ServiceDependencies(
    IAmazonDynamoDB DynamoDb,
    string Table,
    CursorCodec Cursors,
    TimeProvider Time,
    LambdaLogger? Logger = null,
    TimeSpan? FunctionTimeout = null,
    Storage.FileStore? Files = null)
{
    /// <summary>Dependencies that are never called: enough to build a router and read its declarations.</summary>
    public static ServiceDependencies Unused() => new(
        new AmazonDynamoDBClient(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" }),
        "unused",
        new CursorCodec("unused"),
        TimeProvider.System);
}
