using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Jobs;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of data export: queue one (202 and a status resource), then poll it for the download link.</summary>
public static class ExportRoutes
{
    public static readonly RouteSpec StartExport = new("POST /profiles/me/export", "StartExport")
    {
        Summary = "Exports every item of the account as one JSON document (docs/export.md) to S3. 202 with the job; poll its Location. An export still being made is answered again; a new one waits 10 minutes after the last completed and at most 5 start a UTC day (429 job-cooldown or job-daily-quota, with Retry-After).",
        ResponseBody = ProfilesJsonContext.Default.ExportResponse,
        SuccessStatuses = [202],
        Idempotent = true,
    };

    public static readonly RouteSpec GetExport = new("GET /profiles/me/export/{id}", "GetExport")
    {
        Summary = "An export: its status and progress, then a presigned download link (15 minutes; ask again for a fresh one). Kept 7 days.",
        ResponseBody = ProfilesJsonContext.Default.ExportResponse,
    };

    public static void Map(Router router, ExportService exports, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(StartExport, JobRoutes.Start(
            idempotency, "profile-export", exports, creation => Domain.ExportJob.New(creation.Id, creation.At), job => ExportResponse.From(new ExportView(job, null)), body => body.Location, ProfilesJsonContext.Default.ExportResponse, time));

        router.Map(GetExport, async request =>
            HttpResult.Ok(ExportResponse.From(await exports.GetAsync(request.UserId, request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false)), ProfilesJsonContext.Default.ExportResponse));
    }
}
