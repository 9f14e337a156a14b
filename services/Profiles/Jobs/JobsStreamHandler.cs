using GymCoach.Data;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Profiles.Jobs;

/// <summary>
/// The Profiles jobs function: its stream filter passes only job items that ask for work (an export or a
/// deletion just queued, or a segment that handed over). Each job named in a batch runs once, all of them side
/// by side, each until the same stop time before the deadline (two records of one job in a batch run it once:
/// two segments of one job must never overlap). Grouping, the partial-batch answer and failures are the
/// stream kernel's (<see cref="PartitionBatch{TKey, TUnit}"/>): a job that fails is retried from its first
/// record; jobs named again in the retried records run again, which only continues them (every step re-reads the
/// job's state). An export stopped by its account's deletion stops for good.
/// </summary>
public sealed class JobsStreamHandler : IStreamBatchHandler
{
    /// <summary>Jobs run at once: a batch holds at most 10 records (the mapping's batch size), each job waits on I/O.</summary>
    public const int ParallelJobs = 10;

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
        var jobs = PartitionBatch<UserItemKey, UserItemKey>.Group(records, UserItemKey.Of, job => job, job => job, (job, _) => job, _log);
        return await jobs.RunAsync((job, _, cancellationToken) => RunAsync(job, stopAt, cancellationToken), ParallelJobs, "Job", _log, context.CancellationToken).ConfigureAwait(false);
    }

    private Task RunAsync(UserItemKey job, DateTimeOffset stopAt, CancellationToken cancellationToken) =>
        job.SortKey == Keys.AccountDeletion ? _deletions.RunAsync(job.UserId, stopAt, cancellationToken)
        : job.SortKey.StartsWith(Keys.ExportPrefix, StringComparison.Ordinal) ? _exports.RunAsync(job.UserId, job.SortKey[Keys.ExportPrefix.Length..], stopAt, cancellationToken)
        : Task.CompletedTask;
}
