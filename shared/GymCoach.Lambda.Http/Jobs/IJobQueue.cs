using GymCoach.Data.Idempotency;

namespace GymCoach.Lambda.Http.Jobs;

/// <summary>
/// What a kind of account job (export, recompute, the coming import) offers its start route: queue a job through the
/// account's job gate, answered by the job that will run (the new one, or one already queued or running), and bind a
/// request's idempotency key to an answer naming a job it did not create.
/// </summary>
public interface IJobQueue<TJob>
{
    string IdOf(TJob job);

    /// <summary>Queues <paramref name="job"/> with <paramref name="record"/> if the gate lets the account start one; the job that answers. 429 in the cooldown or past the day's quota.</summary>
    Task<TJob> QueueAsync(string userId, TJob job, IdempotencyRecord? record, CancellationToken cancellationToken);

    Task RecordAsync(IdempotencyRecord record, CancellationToken cancellationToken);
}
