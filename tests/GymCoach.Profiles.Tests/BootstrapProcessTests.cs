using System.Text;
using GymCoach.LocalInfra;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests;

/// <summary>
/// The Profiles executable as Lambda runs it: a separate process configured only by environment variables
/// (Runtime API address, the SDK's DynamoDB endpoint variable, TABLE_NAME), answering payload 2.0 events.
/// Runs the AOT binary when <c>PROFILES_BOOTSTRAP</c> names one (CI does after publishing), else the JIT build.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class BootstrapProcessTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Bootstrap_PayloadV2Events_AnswersLikeTheDeployedFunction()
    {
        var table = await dynamo.CreateTableAsync();
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using var process = StartBootstrap(runtimeApi, table);

        var put = await InvokeAsync(runtimeApi, ApiEvents.Request("PUT", "/profiles/me", "alice", """{"displayName":"Ada","heightCm":170}"""));
        var get = await InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", "alice"));
        var noSub = await InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", sub: null));
        var badBody = await InvokeAsync(runtimeApi, ApiEvents.Request("PUT", "/profiles/me", "alice", """{"displayName":42"""));
        var otherUser = await InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", "mallory"));

        Assert.Equal(201, put.Status);
        Assert.Equal(200, get.Status);
        Assert.Equal("Ada", get.Json.GetProperty("displayName").GetString());
        Assert.Equal("\"1\"", get.Header("etag"));
        Assert.Equal(401, noSub.Status);
        Assert.Equal(400, badBody.Status);
        Assert.Equal(404, otherUser.Status);
        foreach (var problem in new[] { noSub, badBody, otherUser })
        {
            Assert.Equal("application/problem+json", problem.Header("content-type"));
        }

        Assert.False(process.HasExited, process.Output);
        Assert.Contains("\"ColdStart\":1", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_NoTableName_ReportsInitErrorAndExitsNonZero()
    {
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using var process = StartBootstrap(runtimeApi, table: null);

        var initError = await runtimeApi.InitError.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("InvalidOperationException", initError.ErrorType);
        Assert.NotEqual(0, process.ExitCode);
    }

    private ChildProcess StartBootstrap(RuntimeApiServer runtimeApi, string? table)
    {
        var environment = FunctionEnvironment.Local(runtimeApi.Address, dynamo.Server.Endpoint, table, "profiles");
        var aot = Environment.GetEnvironmentVariable("PROFILES_BOOTSTRAP");
        return aot is { Length: > 0 }
            ? ChildProcess.Start("profiles", aot, [], environment: environment)
            : ChildProcess.Start("profiles", "dotnet", [Path.Combine(AppContext.BaseDirectory, "bootstrap.dll")], environment: environment);
    }

    private static async Task<TestResponse> InvokeAsync(RuntimeApiServer runtimeApi, Lambda.Http.HttpApiRequest request)
    {
        var result = await runtimeApi.InvokeAsync(ApiEvents.Serialize(request), TimeSpan.FromSeconds(30));
        Assert.True(result.Outcome == InvocationOutcome.Response, $"{result.Outcome}: {Encoding.UTF8.GetString(result.Body)}");
        return TestResponse.Parse(result.Body);
    }
}
