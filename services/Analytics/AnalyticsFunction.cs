using Amazon.DynamoDBv2;
using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Analytics.Routes;
using GymCoach.Analytics.Stream;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Data.Writes;
using GymCoach.Data.Batching;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Jobs;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Analytics;

/// <summary>Static wiring of the Analytics executable: the HTTP API (<c>bootstrap</c>) and the stream consumer (<c>stream</c>).</summary>
public static class AnalyticsFunction
{
    public const string StreamHandler = "stream";

    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = Create(client, table, CursorCodec.FromEnvironment(), TimeProvider.System, Log.Default, FunctionTimeout.FromEnvironment());
        function.LimitPerUser(new UserRateLimiter(client, table, RateLimits.FromEnvironment(), TimeProvider.System));
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null, TimeSpan? functionTimeout = null)
    {
        _ = cursors;
        var metrics = new Metrics(logger ?? Log.Default);
        var batch = new BatchOptimizer(client, table, metrics: metrics);
        var store = new AggregateStore(client, table, batch);
        var idempotency = new IdempotencyStore(client, table, IdempotencyStore.LeaseFor(functionTimeout ?? TimeSpan.FromSeconds(10)), time);
        var router = new Router();
        AnalyticsRoutes.Map(router, new DashboardService(new DashboardReader(client, table, batch), time), new RecordService(store), new SeriesService(client, table, batch, store, time, metrics));
        RecomputeRoutes.Map(router, new RecomputeService(new JobStore(client, table), new JobGate(client, table, JobPolicy.Recompute, time)), idempotency, time);
        return new HttpFunction(router, logger, new AccountFence(client, table));
    }

    public static DynamoDbStreamFunction CreateStreamFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = CreateStream(client, table, TimeProvider.System, Log.Default);
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    /// <summary>The stream consumer; tests pass a small <c>recomputePageSize</c> (sessions per rebuild step) to drive many steps through a small account.</summary>
    public static DynamoDbStreamFunction CreateStream(IAmazonDynamoDB client, string table, TimeProvider time, LambdaLogger? logger = null, int? recomputePageSize = null)
    {
        var log = logger ?? Log.Default;
        var batch = new BatchOptimizer(client, table, metrics: new Metrics(log));
        var store = new AggregateStore(client, table, batch);
        var history = new WorkoutHistory(client, table);
        var updater = new AggregateUpdater(store, history, new ExerciseMuscles(batch), time);
        var recompute = new RecomputeWorker(new JobStore(client, table), updater, store, history, batch, time) { PageSize = recomputePageSize ?? RecomputeWorker.DefaultPageSize };
        return new DynamoDbStreamFunction("analytics-stream", new AnalyticsStreamHandler(updater, recompute, log), log);
    }
}
