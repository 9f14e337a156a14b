using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of the profile use cases: parse, call <see cref="ProfileService"/>, map.</summary>
public static class ProfileRoutes
{
    public static readonly RouteSpec GetProfile = new("GET /profiles/me", "GetProfile")
    {
        Summary = "The caller's profile, with its ETag; 404 before the first PUT.",
        ResponseBody = ProfilesJsonContext.Default.ProfileResponse,
    };

    public static readonly RouteSpec PutProfile = new("PUT /profiles/me", "PutProfile")
    {
        Summary = "Creates (201) or replaces (200) the caller's profile. Replacing needs If-Match (428 without, 412 when stale).",
        RequestBody = ProfilesJsonContext.Default.ProfileInput,
        ResponseBody = ProfilesJsonContext.Default.ProfileResponse,
        SuccessStatuses = [200, 201],
        Conditional = true,
        Example = """{"displayName":"Ada","units":"metric","birthDate":"1990-05-17","heightCm":171.5,"experienceLevel":"intermediate","goals":["strength"],"equipment":["barbell","squat-rack"],"timeZone":"Australia/Sydney"}""",
    };

    public static void Map(Router router, ProfileService profiles)
    {
        router.Map(GetProfile, async request =>
        {
            var profile = await profiles.GetAsync(request.UserId, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(ProfileResponse.From(profile), ProfilesJsonContext.Default.ProfileResponse, Versioning.ETag(profile.Version));
        });

        router.Map(PutProfile, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(ProfilesJsonContext.Default.ProfileInput, ProfileResponse.ServerFields);
            var (profile, created) = await profiles.PutAsync(request.UserId, input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Json(created ? 201 : 200, ProfileResponse.From(profile), ProfilesJsonContext.Default.ProfileResponse, Versioning.ETag(profile.Version));
        });
    }
}
