using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Stream;

/// <summary>
/// The Analytics stream consumer: groups a batch's records by user (one user's items share a partition, hence a
/// shard, hence arrive in order and never concurrently), then updates each user once for all their changes.
/// When a user fails, the batch is reported from that user's first record: it and every later one are
/// reported for retry (earlier users' later records are then applied again, which changes nothing).
/// </summary>
public sealed class AnalyticsStreamHandler : IStreamBatchHandler
{
    /// <summary>Users updated at once: each update is a handful of sequential requests, so they overlap well.</summary>
    public const int ParallelUsers = 8;

    private readonly AggregateUpdater _updater;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;
    private readonly LambdaLogger _log;

    public AnalyticsStreamHandler(AggregateUpdater updater, JobStore jobs, TimeProvider time, LambdaLogger log)
    {
        _updater = updater;
        _jobs = jobs;
        _time = time;
        _log = log;
    }

    public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context)
    {
        var cancellationToken = context.CancellationToken;
        var users = new List<(int First, string UserId, HashSet<string> Sessions, bool Measurements, List<string> Jobs, bool OnlyRemovals)>();
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

            var index = users.FindIndex(u => u.UserId == change.UserId);
            if (index < 0)
            {
                users.Add((i, change.UserId, new HashSet<string>(StringComparer.Ordinal), false, [], true));
                index = users.Count - 1;
            }

            var user = users[index];
            if (change.SessionId is { } session)
            {
                user.Sessions.Add(session);
            }

            if (change.JobId is { } job)
            {
                user.Jobs.Add(job);
            }

            users[index] = user with { Measurements = user.Measurements || change.Measurement, OnlyRemovals = user.OnlyRemovals && records[i].EventName == StreamEventName.Remove };
        }

        // Users are independent (one user's records are applied together, in one update), so they are updated in
        // parallel; the batch is reported back from the first record of the earliest user that failed or was not
        // reached before the deadline.
        var failedFrom = readable;
        var gate = new Lock();
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
                await ApplyAsync(user.UserId, user.Sessions, user.Measurements, user.Jobs, user.OnlyRemovals, cancellationToken).ConfigureAwait(false);
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

        if (failedFrom < readable && cancellationToken.IsCancellationRequested)
        {
            _log.Write(LogLevel.Warn, $"Deadline near: records from {failedFrom} on are left for a retry.");
        }

        return failedFrom;
    }

    private async Task ApplyAsync(string userId, HashSet<string> sessions, bool measurements, List<string> jobIds, bool onlyRemovals, CancellationToken cancellationToken)
    {
        var jobs = new List<RecomputeJob>();
        foreach (var id in jobIds)
        {
            // A redelivered job record whose job already ran (or expired) is not run again.
            if (await _jobs.GetAsync(userId, id, cancellationToken).ConfigureAwait(false) is { Status: not RecomputeJob.Done } job)
            {
                job = job with { Status = RecomputeJob.Running, StartedAt = Timestamps.ToApi(_time.GetUtcNow()) };
                await _jobs.SaveAsync(userId, job, cancellationToken).ConfigureAwait(false);
                jobs.Add(job);
            }
        }

        var changes = jobs.Count > 0 ? UserChanges.Rebuild(userId) : new UserChanges(userId, sessions, measurements, false, onlyRemovals);
        var outcome = await _updater.UpdateAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            await _jobs.SaveAsync(userId, job with { Status = RecomputeJob.Done, FinishedAt = Timestamps.ToApi(_time.GetUtcNow()), Outcome = outcome }, cancellationToken).ConfigureAwait(false);
        }
    }
}
