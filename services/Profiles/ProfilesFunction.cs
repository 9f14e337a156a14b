using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Caching;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
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
        var client = DynamoDbClientFactory.Create();
        DynamoDbClientFactory.Prime(client, table);
        return Create(client, table, CursorCodec.FromEnvironment(), TimeProvider.System, Log.Default);
    }

    public static HttpFunction Create(IAmazonDynamoDB client, string table, CursorCodec cursors, TimeProvider time, LambdaLogger? logger = null)
    {
        var metrics = new Metrics(logger ?? Log.Default);
        var profiles = new ProfileService(new ProfileRepository(client, table), new LruEntityCache<Profile>(CacheSettings.Profile, metrics), time);
        var measurements = new MeasurementService(new MeasurementRepository(client, table), cursors, time);
        var idempotency = new IdempotencyStore(client, table, time);
        return new HttpFunction(CreateRouter(profiles, measurements, idempotency), logger, [ThrottlingMapper.Map]);
    }

    public static Router CreateRouter(ProfileService profiles, MeasurementService measurements, IdempotencyStore idempotency)
    {
        var router = new Router();
        ProfileRoutes.Map(router, profiles);
        MeasurementRoutes.Map(router, measurements, idempotency);
        return router;
    }
}
