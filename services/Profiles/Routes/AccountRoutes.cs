using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of account deletion: start it (202), follow it until it is gone (404).</summary>
public static class AccountRoutes
{
    public static readonly RouteSpec DeleteAccount = new("DELETE /profiles/me", "DeleteAccount")
    {
        Summary = "Deletes the account: every item of the user (workouts, analytics, achievements, photos, exports…) and every file under their S3 prefix. Needs If-Match with the profile's ETag (428 without, 412 when stale). 202 with the deletion; repeating it answers the running one.",
        ResponseBody = ProfilesJsonContext.Default.DeletionResponse,
        SuccessStatuses = [202],
        Conditional = true,
        DuringDeletion = true,
    };

    public static readonly RouteSpec GetDeletion = new("GET /profiles/me/deletion", "GetDeletion")
    {
        Summary = "The running account deletion; status 'none' when none runs (once it has finished, nothing of the account is left).",
        ResponseBody = ProfilesJsonContext.Default.DeletionResponse,
        DuringDeletion = true,
    };

    public static void Map(Router router, AccountService accounts)
    {
        router.Map(DeleteAccount, async request =>
        {
            var precondition = Preconditions.Read(request);
            var (deletion, _) = await accounts.DeleteAsync(request.UserId, precondition, request.CancellationToken).ConfigureAwait(false);
            var body = DeletionResponse.From(deletion);
            return HttpResult.Json(202, body, ProfilesJsonContext.Default.DeletionResponse).WithHeader("Location", body.Location);
        });

        router.Map(GetDeletion, async request =>
            HttpResult.Ok(
                await accounts.GetDeletionAsync(request.UserId, request.CancellationToken).ConfigureAwait(false) is { } deletion ? DeletionResponse.From(deletion) : DeletionResponse.Nothing(),
                ProfilesJsonContext.Default.DeletionResponse));
    }
}
