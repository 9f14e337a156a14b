using GymCoach.Analytics.Data;
using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics;

/// <summary>The Analytics executable's functions as the template deploys them: the API and the stream consumer that keeps its figures.</summary>
public static class AnalyticsDeployment
{
    public static readonly FunctionDeclaration Api = ApiDeclaration.For(
        "AnalyticsFunction",
        "analytics",
        "Analytics service: the dashboard, personal records, achievements and progress series.",
        [
            Grant.TableItems(["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:Query"], Keys.AnyUserPartition),
            Grant.TableItems(["dynamodb:BatchGetItem"], Keys.AnyUserPartition, Keys.AnyLibraryPartition),
            Grant.TableIndexes(["dynamodb:Query"], Keys.AnyUserPartition),
        ]);

    public static readonly FunctionDeclaration Stream = new()
    {
        LogicalId = "AnalyticsStreamFunction",
        Name = "analytics-stream",
        Handler = AnalyticsFunction.StreamHandler,
        Kind = FunctionKind.StreamConsumer,
        Description = "Analytics stream consumer: keeps records, weekly stats, streaks and achievements current from the table's stream (TableStream), and runs recompute jobs a segment at a time from its own mapping (RecomputeJobs), so a rebuild never holds the shard's aggregate updates.",
        ReservedConcurrency = 10,
        ConcurrencyNote = "It serves two mappings of the stream (TableStream: aggregates; RecomputeJobs: rebuilds), each up to one invocation per shard at a time: keep it at least twice the table stream's shard count, or rebuilds take turns with aggregate updates.",
        TimeoutSeconds = 60,
        DeadlineMarginMs = 5000,
        Grants =
        [
            // UpdateItem: a rebuild's segment claim (the job store's segment protocol).
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem", "dynamodb:Query", "dynamodb:BatchWriteItem"], Keys.AnyUserPartition),
            Grant.TableItems(["dynamodb:BatchGetItem"], Keys.AnyUserPartition, Keys.AnyLibraryPartition),
            Grant.TableIndexes(["dynamodb:Query"], Keys.AnyUserPartition),
        ],
        Streams =
        [
            // A partition's records in order (one batch per shard at a time): completed sessions in or out, weigh-ins, preferences, the profile (its time zone).
            new StreamSubscription(
                "TableStream",
                [
                    StreamFilter.Entity(WorkoutSessionContract.Entity, StreamImage.New, WorkoutSessionContract.Completed),
                    StreamFilter.Entity(WorkoutSessionContract.Entity, StreamImage.Old, WorkoutSessionContract.Completed),
                    new StreamFilter { SortKeyPrefix = Keys.MeasurementPrefix },
                    new StreamFilter { SortKey = Keys.PreferencesSortKey },
                    new StreamFilter { SortKey = Keys.ProfileSortKey },
                ])
            {
                BatchSize = 100,
                BatchingWindowSeconds = 1,
            },
            // Rebuilds read every shard on their own, so a long one never holds the aggregate updates above.
            new StreamSubscription("RecomputeJobs", [StreamFilter.Written([EntityTypes.AnalyticsJob], "queued", "continuing")]) { BatchSize = 10 },
        ],
    };
}
