using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class ThrottlingTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task AnyRoute_DynamoDbThrottlesPastSdkRetries_Returns503WithRetryAfter()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler { ThrottleAll = true };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 1);
        var function = ProfilesFunction.Create(client, table, new CursorCodec("k"), TimeProvider.System, new CapturingLogger().Logger);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/profiles/me"));

        Assert.Equal(503, response.Status);
        Assert.Equal("1", response.Header("retry-after"));
        Assert.Equal("application/problem+json", response.Header("content-type"));
    }
}
