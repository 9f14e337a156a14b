using GymCoach.Analytics.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Domain;

/// <summary>Queues rebuilds and reports on them; the stream function runs them (<see cref="RecomputeJob"/>).</summary>
public sealed class RecomputeService
{
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public RecomputeService(JobStore jobs, TimeProvider time)
    {
        _jobs = jobs;
        _time = time;
    }

    /// <summary>A job queued or running from the last minutes, which a new request is answered with instead of queueing another rebuild.</summary>
    public async Task<RecomputeJob?> PendingAsync(string userId, CancellationToken cancellationToken) =>
        await _jobs.LatestAsync(userId, cancellationToken).ConfigureAwait(false) is { Status: RecomputeJob.Queued or RecomputeJob.Running } job
        && Timestamps.Parse(job.RequestedAt) > _time.GetUtcNow() - RecomputeJob.Coalescing
            ? job
            : null;

    public static RecomputeJob New(Creation creation) => new(creation.Id, RecomputeJob.Queued, Timestamps.ToApi(creation.At), null, null, null);

    public Task<RecomputeJob> QueueAsync(string userId, RecomputeJob job, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        _jobs.CreateAsync(userId, job, record, cancellationToken);

    public async Task<RecomputeJob> GetAsync(string userId, string jobId, CancellationToken cancellationToken) =>
        GymCoach.Data.Ulid.IsValid(jobId) && await _jobs.GetAsync(userId, jobId, cancellationToken).ConfigureAwait(false) is { } job
            ? job
            : throw new NotFoundException("No such recompute job.");
}
