using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;

namespace GymCoach.Exercises;

/// <summary>The Exercises service as the build sees it: its HTTP function, its seeder, and how to build them.</summary>
public sealed class ExercisesService : IServiceDescription
{
    public FunctionTable Functions() => new FunctionTable()
        .Add(ExercisesDeployment.Api, ExercisesFunction.CreateFromEnvironment)
        .Add(ExercisesDeployment.LibrarySeeder, ExercisesFunction.CreateSeederFromEnvironment);

    public HttpFunction CreateFunction(ServiceDependencies dependencies) =>
        ExercisesFunction.Create(
            dependencies.DynamoDb, dependencies.Table, dependencies.Cursors, dependencies.Time, dependencies.Logger, dependencies.FunctionTimeout,
            dependencies.Files is { } files ? new Data.MediaLinks(files.S3, files.Bucket, dependencies.Time) : null);
}
