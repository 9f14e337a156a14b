using GymCoach.Analytics.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Jobs;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http.Jobs;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Domain;

/// <summary>Queues rebuilds through the account's job gate and reports on them; the stream function runs them (<see cref="RecomputeWorker"/>).</summary>
public sealed class RecomputeService : IJobQueue<RecomputeJob>
{
    private readonly JobStore _jobs;
    private readonly JobGate _gate;

    public RecomputeService(JobStore jobs, JobGate gate)
    {
        _jobs = jobs;
        _gate = gate;
    }

    public string IdOf(RecomputeJob job) => job.Id;

    public static RecomputeJob New(Creation creation) => new(creation.Id, RecomputeJob.Queued, Timestamps.ToApi(creation.At), null, null, null);

    /// <summary>
    /// Queues <paramref name="job"/> (with <paramref name="record"/>) if the gate lets the account start one; the job
    /// that answers: <paramref name="job"/>, or the rebuild already queued or running. 429 (<see cref="JobRefusedException"/>)
    /// in the cooldown or past the day's quota.
    /// </summary>
    public async Task<RecomputeJob> QueueAsync(string userId, RecomputeJob job, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        var answering = await _gate.QueueAsync(userId, job.Id, _jobs.NewJob(userId, job), record, (id, ct) => _jobs.SnapshotAsync(userId, id, ct), cancellationToken).ConfigureAwait(false);
        return answering == job.Id ? job : await GetAsync(userId, answering, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds the request's idempotency key to the answer with the job already running (see <see cref="JobGate.RecordAsync"/>).</summary>
    public Task RecordAsync(IdempotencyRecord record, CancellationToken cancellationToken) => _gate.RecordAsync(record, cancellationToken);

    public async Task<RecomputeJob> GetAsync(string userId, string jobId, CancellationToken cancellationToken) =>
        GymCoach.Data.Ulid.IsValid(jobId) && await _jobs.GetAsync(userId, jobId, cancellationToken).ConfigureAwait(false) is { } job
            ? job
            : throw new NotFoundException("No such recompute job.");
}
