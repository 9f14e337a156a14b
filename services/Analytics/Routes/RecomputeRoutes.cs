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
        Summary = "Rebuilds every aggregate from the raw workout and measurement items (the repair path). 202 with the job; poll its Location.",
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
            if (await recompute.PendingAsync(request.UserId, request.CancellationToken).ConfigureAwait(false) is { } pending)
            {
                return Accepted(pending);
            }

            var job = RecomputeService.New(create.Creation);
            var answer = Accepted(job);
            await recompute.QueueAsync(request.UserId, job, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            return answer;
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
