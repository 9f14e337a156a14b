using GymCoach.Analytics.Domain;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;

namespace GymCoach.Analytics.Routes;

/// <summary>HTTP mapping of recompute: queue a rebuild (202 and a status resource), then poll it.</summary>
public static class RecomputeRoutes
{
    public static readonly RouteSpec Start = new("POST /analytics/recompute", "StartRecompute")
    {
        Summary = "Rebuilds every aggregate from the raw workout and measurement items (the repair path). 202 with the job; poll its Location. A rebuild already queued or running is answered again; a new one waits 10 minutes after the last completed and at most 5 start a UTC day (429 job-cooldown or job-daily-quota, with Retry-After).",
        ResponseBody = AnalyticsJsonContext.Default.JobResponse,
        SuccessStatuses = [202],
        Idempotent = true,
    };

    public static readonly RouteSpec Status = new("GET /analytics/recompute/{jobId}", "GetRecompute")
    {
        Summary = "A recompute job: queued, running or done (with what it rebuilt).",
        ResponseBody = AnalyticsJsonContext.Default.JobResponse,
    };

    public static void Map(Router router, RecomputeService recompute, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(Start, IdempotentRoute.WrapAtomic(idempotency, "analytics-recompute", async (request, create) =>
        {
            var job = RecomputeService.New(create.Creation);
            var answer = Accepted(job);
            var answering = await recompute.QueueAsync(request.UserId, job, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            if (answering.Id == job.Id)
            {
                return answer;
            }

            // A rebuild already queued or running answers instead; a key the request carried is bound to that answer.
            var coalesced = Accepted(answering);
            if (create.RecordFor(coalesced) is { } record)
            {
                await recompute.RecordAsync(record, request.CancellationToken).ConfigureAwait(false);
            }

            return coalesced;
        }, time));

        router.Map(Status, async request =>
            HttpResult.Ok(JobResponse.From(await recompute.GetAsync(request.UserId, request.PathParameter("jobId"), request.CancellationToken).ConfigureAwait(false)), AnalyticsJsonContext.Default.JobResponse));
    }

    private static HttpResult Accepted(RecomputeJob job)
    {
        var body = JobResponse.From(job);
        return HttpResult.Json(202, body, AnalyticsJsonContext.Default.JobResponse).WithHeader("Location", body.Location);
    }
}
