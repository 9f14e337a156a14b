using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests;

/// <summary>The template's policies for Exercises and its library seeder against the actions they really use.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PolicyTests(DynamoDbFixture dynamo)
{
    private const string Body = """{"name":"Tempo Goblet Squat","primaryMuscles":["quads"],"equipment":["kettlebell"],"instructions":["Lower for four seconds."]}""";

    [Fact]
    public async Task ExercisesPolicy_GrantsExactlyTheActionsTheServiceUses()
    {
        var recorded = new RecordedActions();
        using var client = dynamo.CreateFaultyClient(recorded.DynamoDb(), maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(5));
        var table = await dynamo.CreateTableAsync();
        await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);
        var function = ExercisesFunction.Create(client, table, new CursorCodec("test-key-for-exercise-cursors"), TimeProvider.System);
        async Task<TestResponse> Send(string method, string path, Dictionary<string, string>? query = null, string? body = null, Dictionary<string, string>? headers = null)
        {
            var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request(method, path, "alice", body, headers, query));
            Assert.True(response.Status < 500, $"{method} {path}: {response.Status}");
            return response;
        }

        // Every path: priming, the library by facet, a search, a page with a cursor, one exercise, its media links,
        // a custom exercise created (with a key, replayed), replaced and deleted, and the list that merges it in.
        DynamoDbClientFactory.Prime(client, table);
        var page = await Send("GET", "/exercises", query: new() { ["muscle"] = "chest", ["limit"] = "2" });
        await Send("GET", "/exercises", query: new() { ["cursor"] = page.Json.GetProperty("nextCursor").GetString()!, ["muscle"] = "chest", ["limit"] = "2" });
        await Send("GET", "/exercises", query: new() { ["q"] = "bench press" });
        await Send("GET", "/exercises/barbell-back-squat");
        await Send("GET", "/exercises/barbell-back-squat/media");
        var key = new Dictionary<string, string> { ["idempotency-key"] = "k1" };
        var created = await Send("POST", "/exercises", body: Body, headers: key);
        Assert.Equal(201, created.Status);
        await Send("POST", "/exercises", body: Body, headers: key);
        var id = created.Json.GetProperty("id").GetString()!;
        var replaced = await Send("PUT", "/exercises/" + id, body: Body, headers: new() { ["if-match"] = created.Header("etag")! });
        Assert.Equal(200, replaced.Status);
        await Send("GET", "/exercises", query: new() { ["custom"] = "true" });
        Assert.Equal(204, (await Send("DELETE", "/exercises/" + id, headers: new() { ["if-match"] = replaced.Header("etag")! })).Status);

        // The media links are presigned GETs: the app's download acts with this function's grant.
        recorded.Add("s3:GetObject");
        Assert.Equal(TemplatePolicies.GrantedActions("ExercisesFunction", "dynamodb"), recorded.Actions("dynamodb"));
        Assert.Equal(TemplatePolicies.GrantedActions("ExercisesFunction", "s3"), recorded.Actions("s3"));
    }

    [Fact]
    public async Task SeederPolicy_GrantsExactlyTheActionsSeedingUses()
    {
        var recorded = new RecordedActions();
        using var client = dynamo.CreateFaultyClient(recorded.DynamoDb(), maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(5));
        var table = await dynamo.CreateTableAsync();

        // A first seed, and a second that finds everything in place.
        var first = await ExercisesApi.Seeder(client, table).SeedAsync(default);
        await ExercisesApi.Seeder(client, table).SeedAsync(default);

        Assert.True(first.Writes > 0);
        Assert.Equal(TemplatePolicies.GrantedActions("ExerciseLibrarySeederFunction", "dynamodb"), recorded.Actions("dynamodb"));
    }
}
