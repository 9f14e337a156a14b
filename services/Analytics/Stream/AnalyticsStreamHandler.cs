using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Analytics.Stream;

/// <summary>
/// The Analytics stream consumer, behind two mappings of the table's stream: the aggregates mapping (sessions,
/// measurements, preferences) and the jobs mapping (rebuilds queued or handed over, run a segment at a time by
/// <see cref="RecomputeWorker"/>). Each mapping reads the shards on its own, so a rebuild never holds the records
/// that keep everyone's aggregates current. For aggregates it groups a batch's records by user (one user's items share a partition, hence a
/// shard, hence arrive in order and never concurrently), then updates each user once for all their changes.
/// When a user fails, the batch is reported from that user's first record: it and every later one are
/// reported for retry (earlier users' later records are then applied again, which changes nothing). Grouping,
/// bounded parallelism, poison records and the partial-batch answer are the stream kernel's (<see cref="PartitionBatch{TKey, TUnit}"/>).
/// </summary>
public sealed class AnalyticsStreamHandler : IStreamBatchHandler
{
    /// <summary>Users updated at once: each update is a handful of sequential requests, so they overlap well.</summary>
    public const int ParallelUsers = 8;

    /// <summary>A rebuild's segment stops this long before the invocation's deadline: room for the step in flight and the hand-over.</summary>
    public static readonly TimeSpan SegmentReserve = TimeSpan.FromSeconds(15);

    private readonly AggregateUpdater _updater;
    private readonly RecomputeWorker _recompute;
    private readonly LambdaLogger _log;

    public AnalyticsStreamHandler(AggregateUpdater updater, RecomputeWorker recompute, LambdaLogger log)
    {
        _updater = updater;
        _recompute = recompute;
        _log = log;
    }

    public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context)
    {
        // A unit per user (all their changes applied in one update), and one per job named (a rebuild's segment).
        var batch = PartitionBatch<UnitKey, UserChanges>.Group(
            records,
            StreamChange.Of,
            change => new UnitKey(change.UserId, change.JobId),
            key => new UserChanges(key.UserId, new HashSet<string>(StringComparer.Ordinal), false, false, OnlyRemovals: true),
            Add,
            _log);

        // Segments run side by side until the same stop time; aggregate updates, a few requests each, 8 at a time.
        var stopAt = context.Deadline - SegmentReserve;
        var cancellationToken = context.CancellationToken;
        var jobs = batch.RunAsync((key, _, token) => _recompute.RunAsync(key.UserId, key.JobId!, stopAt, token), MaxJobsPerBatch, "Rebuild", _log, cancellationToken, key => key.JobId is not null);
        var users = batch.RunAsync((_, changes, token) => _updater.UpdateAsync(changes, token), ParallelUsers, "Aggregates", _log, cancellationToken, key => key.JobId is null);
        return Math.Min(await jobs.ConfigureAwait(false), await users.ConfigureAwait(false));
    }

    /// <summary>Jobs run at once: the jobs mapping's batch size.</summary>
    public const int MaxJobsPerBatch = 10;

    private static UserChanges Add(UserChanges changes, StreamChange change)
    {
        if (change.SessionId is { } session)
        {
            ((HashSet<string>)changes.Sessions).Add(session);
        }

        return changes with { Measurements = changes.Measurements || change.Measurement, OnlyRemovals = changes.OnlyRemovals && change.Removal };
    }

    /// <summary>A unit of a batch: a user's aggregate update, or (with a job id) one of their rebuild's segments.</summary>
    private sealed record UnitKey(string UserId, string? JobId);
}
