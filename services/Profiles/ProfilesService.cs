using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GymCoach.Data;
using GymCoach.Lambda.Http;

namespace GymCoach.Profiles;

/// <summary>The Profiles service as the build sees it: its template function and its route table.</summary>
public sealed class ProfilesService : IServiceDescription
{
    public string FunctionLogicalId => "ProfilesFunction";

    public Router DescribeRoutes()
    {
        // Handlers are never called here: a client that cannot connect anywhere is enough to build them.
        using var unused = new AmazonDynamoDBClient(new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });
        return ProfilesFunction.Create(unused, "unused", new CursorCodec("unused"), TimeProvider.System).Router;
    }
}
