using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;

namespace GymCoach.Sync;

/// <summary>The Sync service as the build sees it: GET /sync and the change log's stream consumer, in one executable.</summary>
public sealed class SyncService : IServiceDescription
{
    public FunctionTable Functions() => new FunctionTable()
        .Add(SyncDeployment.Api, SyncFunction.CreateFromEnvironment)
        .Add(SyncDeployment.Log, SyncFunction.CreateLogFromEnvironment);

    public HttpFunction CreateFunction(ServiceDependencies dependencies) =>
        SyncFunction.Create(dependencies.DynamoDb, dependencies.Table, dependencies.Cursors, dependencies.Time, dependencies.Logger);
}
