using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Jobs;
using GymCoach.Storage;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles;

/// <summary>The Profiles executable's functions as the template deploys them: the API and the jobs that exports and deletions run on.</summary>
public static class ProfilesDeployment
{
    private static readonly TemplateValue Settle = TemplateValue.Of("65");

    public static readonly FunctionDeclaration Api = ApiDeclaration.For(
        "ProfilesFunction",
        "profiles",
        "Profiles service: the lifter's profile, preferences, body measurements, progress photos, data export and account deletion (the last two run by ProfilesJobsFunction).",
        [
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"], Keys.AnyUserPartition),
            // Photos are uploaded and read through presigned URLs this function signs; exports are read the same way.
            new Grant.BucketObjects(["s3:PutObject", "s3:PutObjectTagging", "s3:GetObject", "s3:DeleteObject"], "users/*"),
        ],
        new Dictionary<string, TemplateValue>
        {
            [MediaBucket.Variable] = TemplateValue.Ref("MediaBucket"),
            [JobSettings.SettleVariable] = Settle,
        });

    public static readonly FunctionDeclaration Jobs = new()
    {
        LogicalId = "ProfilesJobsFunction",
        Name = "profiles-jobs",
        Handler = ProfilesFunction.JobsHandler,
        Kind = FunctionKind.StreamConsumer,
        Description = "Profiles jobs: data exports and account deletions, run from the table's stream in segments that hand over before their deadline.",
        MemoryMb = 1024,
        ReservedConcurrency = 10,
        TimeoutSeconds = 300,
        DeadlineMarginMs = 5000,
        Environment = new Dictionary<string, TemplateValue>
        {
            [MediaBucket.Variable] = TemplateValue.Ref("MediaBucket"),
            [JobSettings.SettleVariable] = Settle,
        },
        Grants =
        [
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchWriteItem"], Keys.AnyUserPartition),
            // A deletion removes every object of the account; an export writes and reads its own file only.
            new Grant.BucketObjects(["s3:DeleteObject"], "users/*"),
            new Grant.BucketObjects(["s3:PutObject", "s3:PutObjectTagging", "s3:GetObject"], "users/*/exports/*"),
            new Grant.BucketListing(["users/*"]),
        ],
        Streams =
        [
            // Jobs are independent of each other: 4 batches per shard at once, 10 records a batch.
            new StreamSubscription("TableStream", [StreamFilter.Written([EntityTypes.ExportJob, EntityTypes.AccountDeletion], "queued", "continuing")])
            {
                BatchSize = 10,
                ParallelizationFactor = 4,
            },
        ],
    };
}
