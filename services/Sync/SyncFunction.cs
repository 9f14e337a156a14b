using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Limits;
using GymCoach.Data.Streams;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Sync.Domain;
using GymCoach.Sync.Data;
using GymCoach.Sync.Stream;
using GymCoach.Sync.Routes;

namespace GymCoach.Sync;

/// <summary>Static wiring of the Sync executable: the HTTP API (<c>bootstrap</c>) and the change log's stream consumer (<c>log</c>).</summary>
public static class SyncFunction
{
    /// <summary>The handler name of the change log's stream consumer.</summary>
    public const string LogHandler = "log";

    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        return Create(client, table, CursorCodec.FromEnvironment(), TimeProvider.System, Log.Default)
            .LimitPerUser(new UserRateLimiter(client, table, RateLimits.FromEnvironment(), TimeProvider.System));
    }

    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var reader = new SyncReader(client, table, new ChangeLog(client, table, time), new BatchOptimizer(client, table, metrics: metrics));
        var router = new Router();
        SyncRoutes.Map(router, reader, new SyncCursors(cursors));
        return new HttpFunction(router, logger, new AccountFence(client, table));
    }

    public static DynamoDbStreamFunction CreateLogFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = CreateLog(client, table, TimeProvider.System, Log.Default);
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    public static DynamoDbStreamFunction CreateLog(IAmazonDynamoDB client, string table, TimeProvider time, LambdaLogger? logger = null)
    {
        var log = logger ?? Log.Default;
        return new DynamoDbStreamFunction("sync-log", new ChangeLogWriter(new ChangeLog(client, table, time), time, log), log);
    }
}
