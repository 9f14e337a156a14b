using GymCoach.Analytics.Data;
using GymCoach.Data.Batching;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Domain;

/// <summary>
/// Runs one segment of a rebuild (<see cref="RecomputeJob"/>): claims it, then takes steps until the stop time —
/// rebuild a page of digests from the sessions (history order), then remove the digests whose session is gone,
/// then rewrite every aggregate from the digests — saving where it is after every step. Out of time, it saves the
/// job <see cref="RecomputeJob.Continuing"/>, and the stream record of that save starts the next segment. A
/// segment that dies midway is retried from its last saved step; a step done twice writes the same digests.
/// </summary>
/// <remarks>
/// The stream mapping that keeps aggregates current runs beside it (its own mapping, its own shard iterator), so a
/// session changed during a rebuild has its digest written by both, each from the session as read then; the
/// final step derives every aggregate from the digests under the summary's version condition, and a lost race
/// there is retried by the stream.
/// </remarks>
public sealed class RecomputeWorker
{
    /// <summary>Sessions (or digests) per step: each session is one Query, read <see cref="AggregateUpdater.ParallelReads"/> at a time.</summary>
    public const int DefaultPageSize = 50;

    private readonly JobStore _jobs;
    private readonly AggregateUpdater _updater;
    private readonly AggregateStore _store;
    private readonly WorkoutHistory _history;
    private readonly BatchOptimizer _batch;
    private readonly TimeProvider _time;

    public RecomputeWorker(JobStore jobs, AggregateUpdater updater, AggregateStore store, WorkoutHistory history, BatchOptimizer batch, TimeProvider time)
    {
        _jobs = jobs;
        _updater = updater;
        _store = store;
        _history = history;
        _batch = batch;
        _time = time;
    }

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Runs the job's next segment until <paramref name="stopAt"/>; does nothing for a job that is done, gone, or whose segment another invocation claimed.</summary>
    public async Task RunAsync(string userId, string jobId, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        if (await _jobs.GetAsync(userId, jobId, cancellationToken).ConfigureAwait(false) is not { IsActive: true } read
            || await _jobs.ClaimAsync(userId, read, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        // At least one step per segment, however late it starts: every segment makes progress.
        while (true)
        {
            job = await StepAsync(userId, job, cancellationToken).ConfigureAwait(false) with { UpdatedAt = Timestamps.ToApi(_time.GetUtcNow()) };
            if (!await _jobs.SaveAsync(userId, job, cancellationToken).ConfigureAwait(false) || job.Status == RecomputeJob.Done)
            {
                // Done, or no longer ours (a redelivery claimed the next segment and carries on from our last save).
                return;
            }

            // The deadline is the invocation's, on the wall clock (the job's own timestamps follow the injected clock).
            if (DateTimeOffset.UtcNow >= stopAt)
            {
                await _jobs.SaveAsync(userId, job with { Status = RecomputeJob.Continuing }, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task<RecomputeJob> StepAsync(string userId, RecomputeJob job, CancellationToken cancellationToken)
    {
        switch (job.Stage ?? RecomputeJob.Sessions)
        {
            case RecomputeJob.Sessions:
            {
                var (ids, next) = await _history.SessionIdPageAsync(userId, job.Cursor, PageSize, cancellationToken).ConfigureAwait(false);
                var written = await _updater.RebuildDigestPageAsync(userId, ids, cancellationToken).ConfigureAwait(false);
                return job with
                {
                    Stage = next is null ? RecomputeJob.StaleDigests : RecomputeJob.Sessions,
                    Cursor = next,
                    SessionsRead = job.SessionsRead + ids.Count,
                    DigestsWritten = job.DigestsWritten + written,
                };
            }

            case RecomputeJob.StaleDigests:
            {
                var (ids, next) = await _store.DigestIdPageAsync(userId, job.Cursor, PageSize, cancellationToken).ConfigureAwait(false);
                var existing = await _history.ExistingSessionsAsync(userId, ids, _batch, cancellationToken).ConfigureAwait(false);
                var removed = await _updater.RemoveDigestsAsync(userId, ids.Where(id => !existing.Contains(id)).ToList(), cancellationToken).ConfigureAwait(false);
                return job with
                {
                    Stage = next is null ? RecomputeJob.Aggregates : RecomputeJob.StaleDigests,
                    Cursor = next,
                    DigestsWritten = job.DigestsWritten + removed,
                };
            }

            default:
            {
                var outcome = await _updater.UpdateAsync(UserChanges.FromDigests(userId), cancellationToken).ConfigureAwait(false);
                return job with
                {
                    Status = RecomputeJob.Done,
                    FinishedAt = Timestamps.ToApi(_time.GetUtcNow()),
                    Cursor = null,
                    Outcome = outcome with { DigestsWritten = job.DigestsWritten },
                };
            }
        }
    }
}
