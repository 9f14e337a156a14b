using GymCoach.Data;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Profiles.Jobs;

/// <summary>
/// The Profiles jobs function: its stream filter passes only job items that ask for work (an export or a
/// deletion just queued, or a segment that handed over). Each job named in a batch runs once, all of them side
/// by side, each until the same stop time before the deadline (two records of one job in a batch run it once:
/// two segments of one job must never overlap). A job that fails is reported from its first record, so Lambda
/// retries from there (and, in the end, dead-letters it); jobs named again in the retried records run again,
/// which only continues them (every step re-reads the job's state).
/// </summary>
public sealed class JobsStreamHandler : IStreamBatchHandler
{
    private const string UserPrefix = "USER#";

    private readonly ExportWorker _exports;
    private readonly DeletionWorker _deletions;
    private readonly JobSettings _settings;
    private readonly LambdaLogger _log;

    public JobsStreamHandler(ExportWorker exports, DeletionWorker deletions, JobSettings settings, LambdaLogger log)
    {
        _exports = exports;
        _deletions = deletions;
        _settings = settings;
        _log = log;
    }

    public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context)
    {
        var stopAt = context.Deadline - _settings.Reserve;
        var jobs = new List<(int First, string UserId, string SortKey)>();
        for (var i = 0; i < records.Count; i++)
        {
            var partition = records[i].Keys.GetString(Keys.PartitionKey);
            var sortKey = records[i].Keys.GetString(Keys.SortKey);
            if (partition is null || !partition.StartsWith(UserPrefix, StringComparison.Ordinal) || partition.Length == UserPrefix.Length || sortKey is null)
            {
                continue;
            }

            var userId = partition[UserPrefix.Length..];
            if (!jobs.Exists(j => j.UserId == userId && j.SortKey == sortKey))
            {
                jobs.Add((i, userId, sortKey));
            }
        }

        var runs = jobs.Select(job => RunAsync(job.UserId, job.SortKey, stopAt, context.CancellationToken)).ToList();
        var failed = records.Count;
        for (var j = 0; j < runs.Count; j++)
        {
            try
            {
                await runs[j].ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Write(LogLevel.Error, $"Job {jobs[j].SortKey} of a user failed: {ex.GetType().FullName}: {ex.Message}", context.RequestId, context.TraceId);
                failed = Math.Min(failed, jobs[j].First);
            }
        }

        return failed;
    }

    private async Task RunAsync(string userId, string sortKey, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        try
        {
            await (sortKey == Keys.AccountDeletion ? _deletions.RunAsync(userId, stopAt, cancellationToken)
                : sortKey.StartsWith(Keys.ExportPrefix, StringComparison.Ordinal) ? _exports.RunAsync(userId, sortKey[Keys.ExportPrefix.Length..], stopAt, cancellationToken)
                : Task.CompletedTask).ConfigureAwait(false);
        }
        catch (AccountDeletingException)
        {
            // An export of an account being deleted: the fence refused its next write, and it stops here for good
            // (a retry would be refused the same way); the deletion removes the job and whatever it uploaded.
            _log.Write(LogLevel.Info, $"Job {sortKey} stopped: its account is being deleted.");
        }
    }
}
