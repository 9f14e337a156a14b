using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;

namespace GymCoach.Workouts;

/// <summary>The Workouts executable's one function as the template deploys it.</summary>
public static class WorkoutsDeployment
{
    public static readonly FunctionDeclaration Api = ApiDeclaration.For(
        "WorkoutsFunction",
        "workouts",
        "Workouts service: plans, the schedule, and live sessions with their logged sets.",
        [
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchWriteItem"], Keys.AnyUserPartition),
            // A plan or session reads the exercises it names (the library's and the lifter's own) in one batch.
            Grant.TableItems(["dynamodb:BatchGetItem"], Keys.AnyUserPartition, Keys.AnyLibraryPartition),
            Grant.TableIndexes(["dynamodb:Query"], Keys.AnyUserPartition),
        ]);
}
