using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Storage;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests;

/// <summary>The Profiles function over a fresh table in DynamoDB Local, called with payload 2.0 events.</summary>
internal sealed class ProfilesApi
{
    private readonly HttpFunction _function;
    private readonly DynamoDbFixture _dynamo;

    private ProfilesApi(HttpFunction function, CapturingLogger log, string table, DynamoDbFixture dynamo)
    {
        _function = function;
        Log = log;
        Table = table;
        _dynamo = dynamo;
    }

    public CapturingLogger Log { get; }

    public string Table { get; }

    /// <summary>A fresh table; the function over <paramref name="client"/> (a faulty one, say), DynamoDB Local's plain client by default.</summary>
    public static async Task<ProfilesApi> CreateAsync(DynamoDbFixture dynamo, TimeProvider? time = null, IAmazonDynamoDB? client = null, TimeSpan? functionTimeout = null, FileStore? files = null, TimeSpan? deletionSettle = null)
    {
        var table = await dynamo.CreateTableAsync();
        var log = new CapturingLogger();
        var function = ProfilesFunction.Create(client ?? dynamo.Client, table, new CursorCodec("test-key"), time ?? TimeProvider.System, log.Logger, functionTimeout, files, deletionSettle);
        return new ProfilesApi(function, log, table, dynamo);
    }

    /// <summary>Another warm instance of the function over the same table: its own caches, as a second Lambda instance has.</summary>
    public ProfilesApi OtherInstance(FileStore? files = null)
    {
        var log = new CapturingLogger();
        return new ProfilesApi(ProfilesFunction.Create(_dynamo.Client, Table, new CursorCodec("test-key"), TimeProvider.System, log.Logger, files: files), log, Table, _dynamo);
    }

    public Task<TestResponse> SendAsync(string method, string path, string? sub = "alice", string? body = null, Dictionary<string, string>? headers = null, Dictionary<string, string>? query = null, TimeSpan? timeout = null, TimeSpan? margin = null) =>
        FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(method, path, sub, body, headers, query), timeout: timeout, margin: margin);

    /// <summary>Every item in <paramref name="sub"/>'s partition whose sort key starts with <paramref name="prefix"/>, read straight from the server.</summary>
    public Task<List<Dictionary<string, AttributeValue>>> StoredItemsAsync(string sub, string prefix) =>
        StoredItems.QueryAsync(_dynamo.Client, Table, sub, prefix);
}
