using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;
using GymCoach.Storage;

namespace GymCoach.Exercises;

/// <summary>The Exercises executable's functions as the template deploys them: the API and the library's seeder.</summary>
public static class ExercisesDeployment
{
    /// <summary>Declared before <see cref="Api"/>, which reads it (static fields initialise in order).</summary>
    public static readonly FunctionDeclaration LibrarySeeder = new()
    {
        LogicalId = "ExerciseLibrarySeederFunction",
        Name = "exercise-library-seeder",
        ServiceName = "exercises",
        Handler = ExercisesFunction.SeedHandler,
        Kind = FunctionKind.CustomResource,
        Description = "Seeds the exercise library from the library file in its binary (a CloudFormation custom resource).",
        TimeoutSeconds = 300,
        DeadlineMarginMs = 15000,
        Grants = [Grant.TableItems(["dynamodb:Query", "dynamodb:BatchWriteItem"], Keys.AnyLibraryPartition)],
        // The library file and the code that writes it: a changed mapper reseeds too.
        CustomResource = new CustomResourceDeclaration("ExerciseLibrary", "Custom::ExerciseLibrary", ["services/Exercises/Library/exercises.json", "services/Exercises/Model/Data", "shared/GymCoach.Fitness", "shared/GymCoach.Data/Contracts"]),
    };

    public static readonly FunctionDeclaration Api = ApiDeclaration.For(
        "ExercisesFunction",
        "exercises",
        "Exercises service: the exercise library (and each lifter's own exercises).",
        [
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:Query"], Keys.AnyUserPartition, Keys.AnyLibraryPartition),
            Grant.TableIndexes(["dynamodb:Query"], Keys.AnyLibraryPartition),
            Grant.TableItems(["dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], Keys.AnyUserPartition),
            // Exercise media is served through URLs this function signs.
            new Grant.BucketObjects(["s3:GetObject"], "exercises/*"),
        ],
        new Dictionary<string, TemplateValue> { [MediaBucket.Variable] = TemplateValue.Ref("MediaBucket") }) with
    {
        // The library must be seeded before the API that serves it takes traffic.
        DependsOn = [LibrarySeeder.CustomResource!.LogicalId],
    };
}
