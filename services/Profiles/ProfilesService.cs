using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;

namespace GymCoach.Profiles;

/// <summary>The Profiles service as the build sees it: its template functions and how to build the HTTP one.</summary>
public sealed class ProfilesService : IServiceDescription
{
    public FunctionTable Functions() => new FunctionTable()
        .Add(ProfilesDeployment.Api, ProfilesFunction.CreateFromEnvironment)
        .Add(ProfilesDeployment.Jobs, ProfilesFunction.CreateJobsFromEnvironment);

    public HttpFunction CreateFunction(ServiceDependencies dependencies) =>
        ProfilesFunction.Create(dependencies.DynamoDb, dependencies.Table, dependencies.Cursors, dependencies.Time, dependencies.Logger, dependencies.FunctionTimeout, dependencies.Files);
}
