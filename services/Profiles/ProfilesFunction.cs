using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Caching;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.Profiles.Routes;

namespace GymCoach.Profiles;

/// <summary>
/// Static wiring of the Profiles service: no container, no scanning, every dependency built here once per
/// process during Lambda init.
/// </summary>
public static class ProfilesFunction
{
    /// <summary>Init for the real process: client from the environment, primed before the first invoke.</summary>
    public static HttpFunction CreateFromEnvironment()
    {
        var table = TableName.FromEnvironment();
        var timeout = FunctionTimeout.FromEnvironment();
        var cursors = CursorCodec.FromEnvironment();
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        return Create(client, table, cursors, TimeProvider.System, Log.Default, timeout);
    }

    /// <summary>The function over any client; <paramref name="functionTimeout"/> sets the idempotency lease.</summary>
    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null, TimeSpan? functionTimeout = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var profiles = new ProfileService(new ProfileRepository(client, table), new LruEntityCache<Profile>(CacheSettings.Profile, metrics), time);
        var measurements = new MeasurementService(new MeasurementRepository(client, table), cursors);
        var idempotency = new IdempotencyStore(client, table, IdempotencyStore.LeaseFor(functionTimeout ?? DefaultTimeout), time);
        return new HttpFunction(CreateRouter(profiles, measurements, idempotency, time), logger);
    }

    /// <summary>The template's timeout, for functions built in tests.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static Router CreateRouter(ProfileService profiles, MeasurementService measurements, IdempotencyStore idempotency, TimeProvider time)
    {
        var router = new Router();
        ProfileRoutes.Map(router, profiles);
        MeasurementRoutes.Map(router, measurements, idempotency, time);
        return router;
    }
}
