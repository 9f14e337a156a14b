using GymCoach.Data.Calendar;
using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Data.Writes;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Workouts.Data;
using GymCoach.Workouts.Domain;
using GymCoach.Workouts.Routes;

namespace GymCoach.Workouts;

/// <summary>Static wiring of the Workouts executable, built once per process during init.</summary>
public static class WorkoutsFunction
{
    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var cursors = CursorCodec.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = Create(client, table, cursors, TimeProvider.System, Log.Default, FunctionTimeout.FromEnvironment());
        function.LimitPerUser(new UserRateLimiter(client, table, RateLimits.FromEnvironment(), TimeProvider.System));
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    /// <summary>The function over any client; <paramref name="functionTimeout"/> sets the idempotency lease.</summary>
    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null, TimeSpan? functionTimeout = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var batch = new BatchOptimizer(client, table, metrics: metrics);
        var exercises = new ExerciseLookup(batch, new LruEntityCache<object>(CacheSettings.KnownExercises, metrics));
        var plans = new PlanService(new PlanRepository(client, table), exercises, cursors, time);
        var scheduleRepository = new ScheduleRepository(client, table);
        var schedule = new ScheduleService(scheduleRepository, plans, time);
        var sessions = new SessionService(new SessionRepository(client, table, batch), new SetRepository(client, table), plans, schedule, scheduleRepository, exercises, cursors, time, new LifterZones(client, table));
        var idempotency = new IdempotencyStore(client, table, IdempotencyStore.LeaseFor(functionTimeout ?? TimeSpan.FromSeconds(10)), time);

        var router = new Router();
        PlanRoutes.Map(router, plans, idempotency, time);
        ScheduleRoutes.Map(router, schedule, idempotency, time);
        SessionRoutes.Map(router, sessions, idempotency, time);
        SetRoutes.Map(router, sessions, idempotency, time);
        return new HttpFunction(router, logger, new AccountFence(client, table));
    }
}
