using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;

namespace GymCoach.Analytics;

/// <summary>The Analytics service as the build sees it: its HTTP function and its stream consumer, in one executable.</summary>
public sealed class AnalyticsService : IServiceDescription
{
    public FunctionTable Functions() => new FunctionTable()
        .Add(AnalyticsDeployment.Api, AnalyticsFunction.CreateFromEnvironment)
        .Add(AnalyticsDeployment.Stream, AnalyticsFunction.CreateStreamFromEnvironment);

    public HttpFunction CreateFunction(ServiceDependencies dependencies) =>
        AnalyticsFunction.Create(dependencies.DynamoDb, dependencies.Table, dependencies.Cursors, dependencies.Time, dependencies.Logger, dependencies.FunctionTimeout);
}
