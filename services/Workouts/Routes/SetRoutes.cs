using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Routes;

/// <summary>HTTP mapping of logged sets and of one exercise's set history.</summary>
public static class SetRoutes
{
    private const string SetExample = """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":100,"rpe":8.5,"type":"normal"}""";

    public static readonly RouteSpec LogSet = new("POST /workouts/sessions/{sessionId}/sets", "LogSet")
    {
        Summary = "Logs a set into a session (one DynamoDB request). With the device's own id for it (id: UUID or ULID) or an Idempotency-Key, a resent post lands exactly once; "
            + "a different set under a taken id is 409 with the stored one in current. performedAt (RFC 3339, any offset) dates it.",
        RequestBody = WorkoutsJsonContext.Default.SetInput,
        ResponseBody = WorkoutsJsonContext.Default.SetResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = SetExample,
    };

    public static readonly RouteSpec ReplaceSet = new("PUT /workouts/sessions/{sessionId}/sets/{setId}", "ReplaceSet")
    {
        Summary = "Corrects a set, also of a completed session (If-Match required); the session's totals follow.",
        RequestBody = WorkoutsJsonContext.Default.SetInput,
        ResponseBody = WorkoutsJsonContext.Default.SetResponse,
        Conditional = true,
        Example = SetExample,
    };

    public static readonly RouteSpec DeleteSet = new("DELETE /workouts/sessions/{sessionId}/sets/{setId}", "DeleteSet")
    {
        Summary = "Removes a set (If-Match required); the session's totals follow.",
        SuccessStatuses = [204],
        Conditional = true,
    };

    public static readonly RouteSpec ExerciseSets = new("GET /workouts/exercises/{exerciseId}/sets", "ListExerciseSets")
    {
        Summary = "Every set of one exercise you ever logged, newest first (one Query of GSI1 a page).",
        ResponseBody = WorkoutsJsonContext.Default.PageSetResponse,
        Query =
        [
            new("from", "date", "Sets done on or after this day (YYYY-MM-DD, a day in your profile's time zone)."),
            new("to", "date", "Sets done on or before this day (YYYY-MM-DD, a day in your profile's time zone)."),
            PlanRoutes.Limit,
            PlanRoutes.Cursor,
        ],
    };

    private static HttpResult Created(LoggedSet set) =>
        HttpResult.Created(SetResponse.From(set), WorkoutsJsonContext.Default.SetResponse, $"/workouts/sessions/{set.SessionId}/sets/{set.Id}", Versioning.ETag(set.Version));

    public static void Map(Router router, SessionService sessions, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(LogSet, IdempotentRoute.WrapAtomic(idempotency, "workouts-sets", async (request, create) =>
        {
            var input = request.ReadJson(WorkoutsJsonContext.Default.SetInput);
            var set = await sessions.PrepareSetAsync(request.UserId, request.PathParameter("sessionId"), input, create.Creation, request.CancellationToken).ConfigureAwait(false);
            var answer = Created(set);
            try
            {
                var stored = await sessions.LogSetAsync(request.UserId, set, input.LoggedAt is not null || input.PerformedAt is not null, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
                return ReferenceEquals(stored, set) ? answer : Created(stored);
            }
            catch (SetIdTakenException taken)
            {
                throw HttpProblemException.Taken(SetResponse.From(taken.Stored), WorkoutsJsonContext.Default.SetResponse, Versioning.ETag(taken.Stored.Version), "A different set was already logged under this id; it is in current.");
            }
        }, time));

        router.Map(ReplaceSet, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(WorkoutsJsonContext.Default.SetInput, SetResponse.ServerFields);
            var set = await sessions.ReplaceSetAsync(request.UserId, request.PathParameter("sessionId"), request.PathParameter("setId"), input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(SetResponse.From(set), WorkoutsJsonContext.Default.SetResponse, Versioning.ETag(set.Version));
        });

        router.Map(DeleteSet, async request =>
        {
            var precondition = Preconditions.Read(request);
            await sessions.DeleteSetAsync(request.UserId, request.PathParameter("sessionId"), request.PathParameter("setId"), precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });

        router.Map(ExerciseSets, async request =>
        {
            var errors = new ValidationErrors();
            var from = DateQuery.Read(request, "from", errors);
            var to = DateQuery.Read(request, "to", errors);
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();
            var (items, next) = await sessions.ExerciseSetsAsync(request.UserId, request.PathParameter("exerciseId"), from, to, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(new Page<SetResponse> { Items = items.Select(SetResponse.From).ToList(), NextCursor = next }, WorkoutsJsonContext.Default.PageSetResponse);
        });
    }
}
