using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;

namespace GymCoach.Workouts;

/// <summary>The Workouts service as the build sees it: its template function and how to build it.</summary>
public sealed class WorkoutsService : IServiceDescription
{
    public FunctionTable Functions() => new FunctionTable().Add(WorkoutsDeployment.Api, WorkoutsFunction.CreateFromEnvironment);

    public HttpFunction CreateFunction(ServiceDependencies dependencies) =>
        WorkoutsFunction.Create(dependencies.DynamoDb, dependencies.Table, dependencies.Cursors, dependencies.Time, dependencies.Logger, dependencies.FunctionTimeout);
}
