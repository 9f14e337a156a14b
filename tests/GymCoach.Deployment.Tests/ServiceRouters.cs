using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles;

namespace GymCoach.Deployment.Tests;

/// <summary>Each template function's logical id → the router its service builds. Add a line per new service.</summary>
internal static class ServiceRouters
{
    private static readonly AmazonDynamoDBClient UnusedClient = new(
        new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });

    public static readonly IReadOnlyDictionary<string, Func<Router>> ByFunction = new Dictionary<string, Func<Router>>
    {
        ["ProfilesFunction"] = () => ProfilesFunction.Create(UnusedClient, "unused", new CursorCodec("k"), TimeProvider.System).Router,
    };
}
