using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Data.Writes;
using GymCoach.Data.Batching;
using GymCoach.Data.Caching;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Jobs;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.Profiles.Jobs;
using GymCoach.Profiles.Routes;
using GymCoach.Storage;

namespace GymCoach.Profiles;

/// <summary>
/// Static wiring of the Profiles executable: the HTTP API (<c>bootstrap</c>) and the jobs function (<c>jobs</c>,
/// exports and account deletions, run from the table's stream). No container, no scanning: every dependency is
/// built here once per process during Lambda init.
/// </summary>
public static class ProfilesFunction
{
    public const string JobsHandler = "jobs";

    /// <summary>Init for the real process: clients from the environment, primed before the first invoke.</summary>
    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = Create(client, table, CursorCodec.FromEnvironment(), TimeProvider.System, Log.Default, FunctionTimeout.FromEnvironment(), FileStore.FromEnvironment(), JobSettings.FromEnvironment().Settle);
        function.LimitPerUser(new UserRateLimiter(client, table, RateLimits.FromEnvironment(), TimeProvider.System));
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    /// <summary>The function over any client; <paramref name="functionTimeout"/> sets the idempotency lease.</summary>
    public static HttpFunction Create(
        IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null, TimeSpan? functionTimeout = null, FileStore? files = null, TimeSpan? deletionSettle = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var store = files ?? FileStore.Unset();
        var profileCache = new LruEntityCache<Profile>(CacheSettings.Profile, metrics);
        var profileRepository = new ProfileRepository(client, table);
        var idempotency = new IdempotencyStore(client, table, IdempotencyStore.LeaseFor(functionTimeout ?? DefaultTimeout), time);
        var deletions = new DeletionRepository(client, table);
        var photos = new PhotoRepository(client, table);
        var router = new Router();
        ProfileRoutes.Map(router, new ProfileService(profileRepository, profileCache, time));
        AccountRoutes.Map(router, new AccountService(deletions, profileRepository, photos, profileCache, deletionSettle ?? new JobSettings().Settle, time));
        PreferencesRoutes.Map(router, new PreferencesService(new PreferencesRepository(client, table), time));
        MeasurementRoutes.Map(router, new MeasurementService(new MeasurementRepository(client, table), cursors), idempotency, time);
        PhotoRoutes.Map(router, new PhotoService(photos, new PhotoObjects(store.S3, store.Bucket, time), cursors, time), idempotency, time);
        ExportRoutes.Map(router, new ExportService(new ExportJobRepository(client, table), new JobGate(client, table, JobPolicy.Export, time), new Presigner(store.S3, store.Bucket, time)), idempotency, time);
        return new HttpFunction(router, logger, new AccountFence(client, table));
    }

    /// <summary>The template's timeout, for functions built in tests.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static DynamoDbStreamFunction CreateJobsFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        var function = CreateJobs(client, table, FileStore.FromEnvironment(), JobSettings.FromEnvironment(), TimeProvider.System, Log.Default);
        DynamoDbRequestMetrics.CountInto(client, function.Metrics);
        return function;
    }

    public static DynamoDbStreamFunction CreateJobs(IAmazonDynamoDB client, string table, FileStore files, JobSettings settings, TimeProvider time, LambdaLogger? logger = null)
    {
        var log = logger ?? Log.Default;
        var batch = new BatchOptimizer(client, table, metrics: new Metrics(log));
        var handler = new JobsStreamHandler(
            new ExportWorker(client, table, files.S3, files.Bucket, settings, time, log),
            new DeletionWorker(client, table, files.S3, files.Bucket, batch, settings, time, log),
            settings,
            log);
        return new DynamoDbStreamFunction("profile-jobs", handler, log);
    }
}
