using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Data.Writes;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Exercises.Data;
using GymCoach.Exercises.Domain;
using GymCoach.Exercises.Routes;
using GymCoach.Lambda.CustomResources;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Storage;
using GymCoach.Data.Idempotency;

namespace GymCoach.Exercises;

/// <summary>Static wiring of the Exercises executable: its HTTP API and its library seeder, each built once per process during init.</summary>
public static class ExercisesFunction
{
    /// <summary>The handler name of the seeder function (a CloudFormation custom resource).</summary>
    public const string SeedHandler = "seed-library";

    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var cursors = CursorCodec.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var media = new MediaLinks(S3ClientFactory.Create(), MediaBucket.FromEnvironment(), TimeProvider.System);
        return Create(client, table, cursors, TimeProvider.System, Log.Default, FunctionTimeout.FromEnvironment(), media)
            .LimitPerUser(new UserRateLimiter(client, table, RateLimits.FromEnvironment(), TimeProvider.System));
    }

    /// <summary>The function over any client; <paramref name="functionTimeout"/> sets the idempotency lease.</summary>
    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null, TimeSpan? functionTimeout = null, MediaLinks? media = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var exercises = new ExerciseService(
            new LibraryRepository(client, table),
            new LruEntityCache<LibraryCatalog>(CacheSettings.ExerciseLibrary, metrics, c => c.EstimatedBytes),
            new CustomExerciseRepository(client, table),
            new LruEntityCache<LibraryCatalog>(CacheSettings.CustomExercises, metrics, c => c.EstimatedBytes),
            cursors,
            time);
        var idempotency = new IdempotencyStore(client, table, IdempotencyStore.LeaseFor(functionTimeout ?? TimeSpan.FromSeconds(10)), time);
        var router = new Router();
        ExerciseRoutes.Map(router, exercises, idempotency, time, media ?? new MediaLinks(S3ClientFactory.Unset(), "unset", time));
        return new HttpFunction(router, logger, new AccountFence(client, table));
    }

    public static CustomResourceFunction CreateSeederFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        return CreateSeeder(client, table, Log.Default);
    }

    public static CustomResourceFunction CreateSeeder(IAmazonDynamoDB client, string table, LambdaLogger? logger = null, HttpClient? http = null) =>
        new(new LibrarySeeder(new LibraryRepository(client, table), new BatchOptimizer(client, table)), http, logger);
}
