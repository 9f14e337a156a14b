using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Stream;

/// <summary>
/// The Analytics stream consumer, behind two mappings of the table's stream: the aggregates mapping (sessions,
/// measurements, preferences) and the jobs mapping (rebuilds queued or handed over, run a segment at a time by
/// <see cref="RecomputeWorker"/>). Each mapping reads the shards on its own, so a rebuild never holds the records
/// that keep everyone's aggregates current. For aggregates it groups a batch's records by user (one user's items share a partition, hence a
/// shard, hence arrive in order and never concurrently), then updates each user once for all their changes.
/// When a user fails, the batch is reported from that user's first record: it and every later one are
/// reported for retry (earlier users' later records are then applied again, which changes nothing).
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
        var cancellationToken = context.CancellationToken;
        var users = new List<(int First, string UserId, HashSet<string> Sessions, bool Measurements, bool OnlyRemovals)>();
        var jobs = new List<(int First, string UserId, string JobId)>();
        var readable = records.Count;
        for (var i = 0; i < records.Count; i++)
        {
            StreamChange? change;
            try
            {
                change = StreamChange.Of(records[i]);
            }
            catch (FormatException ex)
            {
                // Apply what came before it; it and every later record go back for retry, then the failure destination.
                _log.Write(LogLevel.Error, ex.Message);
                readable = i;
                break;
            }

            if (change is null)
            {
                continue;
            }

            if (change.JobId is { } jobId)
            {
                if (!jobs.Exists(j => j.UserId == change.UserId && j.JobId == jobId))
                {
                    jobs.Add((i, change.UserId, jobId));
                }

                continue;
            }

            var index = users.FindIndex(u => u.UserId == change.UserId);
            if (index < 0)
            {
                users.Add((i, change.UserId, new HashSet<string>(StringComparer.Ordinal), false, true));
                index = users.Count - 1;
            }

            var user = users[index];
            if (change.SessionId is { } session)
            {
                user.Sessions.Add(session);
            }

            users[index] = user with { Measurements = user.Measurements || change.Measurement, OnlyRemovals = user.OnlyRemovals && records[i].EventName == StreamEventName.Remove };
        }

        // Users are independent (one user's records are applied together, in one update), so they are updated in
        // parallel; the batch is reported back from the first record of the earliest user that failed or was not
        // reached before the deadline.
        var failedFrom = readable;
        var gate = new Lock();
        var stopAt = context.Deadline - SegmentReserve;
        var segments = jobs.Select(job => (job.First, Run: _recompute.RunAsync(job.UserId, job.JobId, stopAt, cancellationToken))).ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = ParallelUsers }, async (user, _) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                lock (gate)
                {
                    failedFrom = Math.Min(failedFrom, user.First);
                }

                return;
            }

            try
            {
                await _updater.UpdateAsync(new UserChanges(user.UserId, user.Sessions, user.Measurements, false, user.OnlyRemovals), cancellationToken).ConfigureAwait(false);
            }
            catch (AccountDeletingException)
            {
                // A rebuild asked for by an account now being deleted: its job's next write was refused by the fence,
                // and nothing else is written for the account (the updater reads the fence too). Not a failure to retry.
                _log.Write(LogLevel.Info, $"Aggregates of the user of record {records[user.First].SequenceNumber} skipped: the account is being deleted.");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Write(LogLevel.Error, $"Aggregates of the user of record {records[user.First].SequenceNumber} failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
                lock (gate)
                {
                    failedFrom = Math.Min(failedFrom, user.First);
                }
            }
        }).ConfigureAwait(false);

        foreach (var (first, run) in segments)
        {
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (AccountDeletingException)
            {
                // The fence refused the job's next save: the deletion removes the job and what it wrote.
                _log.Write(LogLevel.Info, $"Rebuild of record {records[first].SequenceNumber} stopped: the account is being deleted.");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Write(LogLevel.Error, $"Rebuild of record {records[first].SequenceNumber} failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
                failedFrom = Math.Min(failedFrom, first);
            }
        }

        if (failedFrom < readable && cancellationToken.IsCancellationRequested)
        {
            _log.Write(LogLevel.Warn, $"Deadline near: records from {failedFrom} on are left for a retry.");
        }

        return failedFrom;
    }
}
