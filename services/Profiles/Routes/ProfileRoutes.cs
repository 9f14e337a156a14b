using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of the profile use cases: parse, call <see cref="ProfileService"/>, map.</summary>
public static class ProfileRoutes
{
    public static void Map(Router router, ProfileService profiles)
    {
        router.Map("GET /profiles/me", async request =>
        {
            var profile = await profiles.GetAsync(request.UserId, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(ProfileResponse.From(profile), ProfilesJsonContext.Default.ProfileResponse, Versioning.ETag(profile.Version));
        });

        router.Map("PUT /profiles/me", async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(ProfilesJsonContext.Default.ProfileInput, ProfileResponse.ServerFields);
            var (profile, created) = await profiles.PutAsync(request.UserId, input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Json(created ? 201 : 200, ProfileResponse.From(profile), ProfilesJsonContext.Default.ProfileResponse, Versioning.ETag(profile.Version));
        });
    }
}
