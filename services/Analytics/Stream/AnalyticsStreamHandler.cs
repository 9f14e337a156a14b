using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Stream;

/// <summary>
/// The Analytics stream consumer: groups a batch's records by user (one user's items share a partition, hence a
/// shard, hence arrive in order and never concurrently), then updates each user once for all their changes.
/// Users are taken in the order of their first record; when one fails, that record and every later one are
/// reported for retry (earlier users' later records are then applied again, which changes nothing).
/// </summary>
public sealed class AnalyticsStreamHandler : IStreamBatchHandler
{
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

    public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        var users = new List<(int First, string UserId, HashSet<string> Sessions, bool Measurements, List<string> Jobs)>();
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
                users.Add((i, change.UserId, new HashSet<string>(StringComparer.Ordinal), false, []));
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

            users[index] = user with { Measurements = user.Measurements || change.Measurement };
        }

        foreach (var user in users)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _log.Write(LogLevel.Warn, $"Deadline near: users from record {user.First} on are left for a retry.");
                return user.First;
            }

            try
            {
                await ApplyAsync(user.UserId, user.Sessions, user.Measurements, user.Jobs, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Write(LogLevel.Error, $"Aggregates of the user of record {records[user.First].SequenceNumber} failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
                return user.First;
            }
        }

        return readable;
    }

    private async Task ApplyAsync(string userId, HashSet<string> sessions, bool measurements, List<string> jobIds, CancellationToken cancellationToken)
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

        var changes = jobs.Count > 0 ? UserChanges.Rebuild(userId) : new UserChanges(userId, sessions, measurements, false);
        var outcome = await _updater.UpdateAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            await _jobs.SaveAsync(userId, job with { Status = RecomputeJob.Done, FinishedAt = Timestamps.ToApi(_time.GetUtcNow()), Outcome = outcome }, cancellationToken).ConfigureAwait(false);
        }
    }
}
