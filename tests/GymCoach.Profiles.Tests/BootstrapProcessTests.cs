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

        var put = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("PUT", "/profiles/me", "alice", """{"displayName":"Ada","heightCm":170}"""), process);
        var get = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", "alice"), process);
        var noSub = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", sub: null), process);
        var badBody = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("PUT", "/profiles/me", "alice", """{"displayName":42"""), process);
        var otherUser = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/profiles/me", "mallory"), process);

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

        var initError = await BootstrapProcess.InitErrorThenExitAsync(runtimeApi, process);

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
}
