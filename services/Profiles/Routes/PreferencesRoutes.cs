using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of preferences: parse, call <see cref="PreferencesService"/>, map.</summary>
public static class PreferencesRoutes
{
    public static readonly RouteSpec GetPreferences = new("GET /profiles/me/preferences", "GetPreferences")
    {
        Summary = "The caller's preferences; the defaults (isDefault, no ETag) until the first PUT.",
        ResponseBody = ProfilesJsonContext.Default.PreferencesResponse,
    };

    public static readonly RouteSpec PutPreferences = new("PUT /profiles/me/preferences", "PutPreferences")
    {
        Summary = "Creates (201) or replaces (200) the caller's preferences; a field left out takes its default. Replacing needs If-Match (428 without, 412 when stale).",
        RequestBody = ProfilesJsonContext.Default.PreferencesInput,
        ResponseBody = ProfilesJsonContext.Default.PreferencesResponse,
        SuccessStatuses = [200, 201],
        Conditional = true,
        Example = """{"weekStartDay":"sunday","defaultRestSeconds":120,"weightIncrement":{"kg":1.25,"lb":2.5},"notifications":{"workoutReminders":true,"restTimer":true,"weeklySummary":false,"achievements":true},"photoPrivacy":"private"}""",
    };

    public static void Map(Router router, PreferencesService preferences)
    {
        router.Map(GetPreferences, async request =>
        {
            var stored = await preferences.GetAsync(request.UserId, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(PreferencesResponse.From(stored), ProfilesJsonContext.Default.PreferencesResponse, stored.IsDefault ? null : Versioning.ETag(stored.Version));
        });

        router.Map(PutPreferences, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(ProfilesJsonContext.Default.PreferencesInput, PreferencesResponse.ServerFields);
            var (stored, created) = await preferences.PutAsync(request.UserId, input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Json(created ? 201 : 200, PreferencesResponse.From(stored), ProfilesJsonContext.Default.PreferencesResponse, Versioning.ETag(stored.Version));
        });
    }
}
