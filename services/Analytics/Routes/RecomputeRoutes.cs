using GymCoach.Analytics.Domain;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Jobs;

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
        router.Map(Start, JobRoutes.Start(idempotency, "analytics-recompute", recompute, RecomputeService.New, JobResponse.From, body => body.Location, AnalyticsJsonContext.Default.JobResponse, time));

        router.Map(Status, async request =>
            HttpResult.Ok(JobResponse.From(await recompute.GetAsync(request.UserId, request.PathParameter("jobId"), request.CancellationToken).ConfigureAwait(false)), AnalyticsJsonContext.Default.JobResponse));
    }
}
