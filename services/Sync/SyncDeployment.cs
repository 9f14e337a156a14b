using GymCoach.Data;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Deployment;
using GymCoach.Sync.Domain;

namespace GymCoach.Sync;

/// <summary>The Sync executable's functions as the template deploys them: GET /sync and the stream consumer that keeps the change log.</summary>
public static class SyncDeployment
{
    public static readonly FunctionDeclaration Api = ApiDeclaration.For(
        "SyncFunction",
        "sync",
        "Sync service: every change to a lifter's data since a cursor (GET /sync), from the change log.",
        [
            // PutItem: a lifter's first sync starts their change log (the head, conditionally).
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"], Keys.AnyUserPartition),
        ]);

    public static readonly FunctionDeclaration Log = new()
    {
        LogicalId = "SyncLogFunction",
        Name = "sync-log",
        Handler = SyncFunction.LogHandler,
        Kind = FunctionKind.StreamConsumer,
        Description = "Sync's change log: appends every change of a synced item to its lifter's log, in the stream's order, with a dense sequence (what GET /sync reads).",
        ReservedConcurrency = 5,
        ConcurrencyNote = "One invocation per shard at a time: keep it at least the table stream's shard count, or the log (and every device's sync) falls behind.",
        TimeoutSeconds = 60,
        DeadlineMarginMs = 5000,
        Grants =
        [
            Grant.TableItems(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"], Keys.AnyUserPartition),
        ],
        Streams =
        [
            // Written or removed: a removal has only the old image, a creation only the new.
            new StreamSubscription(
                "TableStream",
                [
                    new StreamFilter { Image = StreamImage.New, Entities = SyncedKinds.Entities },
                    new StreamFilter { Image = StreamImage.Old, Entities = SyncedKinds.Entities },
                ])
            {
                BatchSize = 100,
                BatchingWindowSeconds = 1,
                // A change given up on would be one no device ever learns of, and no cursor would know it missed it.
                KeepsEveryRecord = true,
            },
        ],
    };
}
