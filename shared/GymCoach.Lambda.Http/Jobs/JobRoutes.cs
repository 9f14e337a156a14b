using System.Text.Json.Serialization.Metadata;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Http.Idempotency;

namespace GymCoach.Lambda.Http.Jobs;

/// <summary>
/// The start route every account job shares: 202 with the job and its status resource in <c>Location</c>; a job
/// already queued or running answers instead of a new one (and a keyed request is bound to that answer, so its
/// retry never queues another); the gate's cooldown and daily quota answer 429. Idempotent in one transaction:
/// the key's record is written with the new job.
/// </summary>
public static class JobRoutes
{
    /// <summary>The handler of a job's start route; <paramref name="scope"/> names the idempotency scope of its keys.</summary>
    public static RouteHandler Start<TJob, TBody>(
        IdempotencyStore idempotency,
        string scope,
        IJobQueue<TJob> queue,
        Func<Creation, TJob> create,
        Func<TJob, TBody> body,
        Func<TBody, string> location,
        JsonTypeInfo<TBody> json,
        TimeProvider time)
    {
        HttpResult Accepted(TJob job)
        {
            var answer = body(job);
            return HttpResult.Json(202, answer, json).WithHeader("Location", location(answer));
        }

        return IdempotentRoute.WrapAtomic(idempotency, scope, async (request, creating) =>
        {
            var job = create(creating.Creation);
            var answer = Accepted(job);
            var answering = await queue.QueueAsync(request.UserId, job, creating.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            if (queue.IdOf(answering) == queue.IdOf(job))
            {
                return answer;
            }

            // A job already queued or running answers instead; a key the request carried is bound to that answer.
            var coalesced = Accepted(answering);
            if (creating.RecordFor(coalesced) is { } record)
            {
                await queue.RecordAsync(record, request.CancellationToken).ConfigureAwait(false);
            }

            return coalesced;
        }, time);
    }
}
