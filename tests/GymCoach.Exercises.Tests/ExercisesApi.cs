using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Exercises.Data;
using GymCoach.Exercises.Domain;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests;

/// <summary>The Exercises function over a fresh table in DynamoDB Local, its library seeded as a deploy would.</summary>
internal sealed class ExercisesApi
{
    private readonly HttpFunction _function;

    private ExercisesApi(HttpFunction function, string table)
    {
        _function = function;
        Table = table;
    }

    public string Table { get; }

    public static async Task<ExercisesApi> CreateAsync(DynamoDbFixture dynamo, IAmazonDynamoDB? client = null, bool seed = true)
    {
        var table = await dynamo.CreateTableAsync();
        if (seed)
        {
            await Seeder(dynamo.Client, table).SeedAsync(default);
        }

        return new ExercisesApi(ExercisesFunction.Create(client ?? dynamo.Client, table, new CursorCodec("test-key-for-exercise-cursors"), TimeProvider.System), table);
    }

    public static LibrarySeeder Seeder(IAmazonDynamoDB client, string table, Func<LibraryFile>? library = null) =>
        new(new LibraryRepository(client, table), new BatchOptimizer(client, table), library);

    public Task<TestResponse> SendAsync(string method, string path, string? sub = "alice", Dictionary<string, string>? query = null, string? body = null, Dictionary<string, string>? headers = null) =>
        FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(method, path, sub, body, headers, query));
}
