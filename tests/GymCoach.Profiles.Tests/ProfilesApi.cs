using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests;

/// <summary>The Profiles function over a fresh table in DynamoDB Local, called with payload 2.0 events.</summary>
internal sealed class ProfilesApi
{
    private readonly HttpFunction _function;

    private ProfilesApi(HttpFunction function, CapturingLogger log, string table)
    {
        _function = function;
        Log = log;
        Table = table;
    }

    public CapturingLogger Log { get; }

    public string Table { get; }

    public static async Task<ProfilesApi> CreateAsync(DynamoDbFixture dynamo, TimeProvider? time = null)
    {
        var table = await dynamo.CreateTableAsync();
        var log = new CapturingLogger();
        var function = ProfilesFunction.Create(dynamo.Client, table, new CursorCodec("test-key"), time ?? TimeProvider.System, log.Logger);
        return new ProfilesApi(function, log, table);
    }

    public Task<TestResponse> SendAsync(string method, string path, string? sub = "alice", string? body = null, Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null) =>
        FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(method, path, sub, body, headers, query));
}
