using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Routes;

/// <summary>HTTP mapping of workout sessions: start, read whole, complete, discard, history.</summary>
public static class SessionRoutes
{
    public static readonly RouteSpec StartSession = new("POST /workouts/sessions", "StartSession")
    {
        Summary = "Starts a session: empty, from a plan (its targets copied in) or from a scheduled workout (marked done).",
        RequestBody = WorkoutsJsonContext.Default.SessionInput,
        ResponseBody = WorkoutsJsonContext.Default.SessionResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = """{"name":"Push day","notes":"Felt strong"}""",
    };

    public static readonly RouteSpec UploadSession = new("PUT /workouts/sessions/{sessionId}", "UploadSession")
    {
        Summary = "Stores a whole workout as the device logged it (offline, or in the past) under the device's id (UUID or ULID): times keep the device's UTC offset. "
            + "Creating is idempotent by the id (the same upload again answers as the first did); changing it needs If-Match, and a stale one is 412 with the session as it is in current.",
        RequestBody = WorkoutsJsonContext.Default.WorkoutUpload,
        ResponseBody = WorkoutsJsonContext.Default.SessionResponse,
        SuccessStatuses = [201, 200],
        Conditional = true,
        Example = """{"name":"Push day","startedAt":"2026-12-01T07:05:00+11:00","completedAt":"2026-12-01T08:10:00+11:00","exercises":[{"exerciseId":"barbell-bench-press","sets":[{"id":"3f2b9c1e-8d4a-4c2b-9e57-0a1b2c3d4e5f","type":"warmup","reps":10,"weightKg":40},{"id":"7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e6a","reps":5,"weightKg":80,"rpe":8,"performedAt":"2026-12-01T07:20:00+11:00"}]}]}""",
    };

    public static readonly RouteSpec ListSessions = new("GET /workouts/sessions", "ListSessions")
    {
        Summary = "Your session history, newest first: optionally started between two days, or only sessions with sets of one exercise.",
        ResponseBody = WorkoutsJsonContext.Default.PageSessionResponse,
        Query =
        [
            new("from", "date", "Sessions started on or after this day (YYYY-MM-DD, a day in your profile's time zone)."),
            new("to", "date", "Sessions started on or before this day (YYYY-MM-DD, a day in your profile's time zone)."),
            new("exerciseId", "string", "Only sessions with at least one set of this exercise."),
            PlanRoutes.Limit,
            PlanRoutes.Cursor,
        ],
    };

    public static readonly RouteSpec ActiveSession = new("GET /workouts/sessions/active", "GetActiveSession")
    {
        Summary = "The session in progress (the most recently started one), with its sets: for an app reopened mid-workout. 404 when none.",
        ResponseBody = WorkoutsJsonContext.Default.SessionResponse,
    };

    public static readonly RouteSpec GetSession = new("GET /workouts/sessions/{sessionId}", "GetSession")
    {
        Summary = "A session and all its sets, in the order they were done (one Query of its item collection).",
        ResponseBody = WorkoutsJsonContext.Default.SessionResponse,
    };

    public static readonly RouteSpec CompleteSession = new("POST /workouts/sessions/{sessionId}/complete", "CompleteSession")
    {
        Summary = "Ends a session, recording its duration; its totals are those of its sets. Completing it again answers it as it is. "
            + "An optional body gives the end by the device ({\"completedAt\": RFC 3339 with its offset}); now when absent.",
        RequestBody = WorkoutsJsonContext.Default.CompletionInput,
        Example = """{"completedAt":"2026-12-01T08:10:00+11:00"}""",
        ResponseBody = WorkoutsJsonContext.Default.SessionResponse,
    };

    public static readonly RouteSpec DiscardSession = new("DELETE /workouts/sessions/{sessionId}", "DiscardSession")
    {
        Summary = "Discards a session and all its sets (If-Match required).",
        SuccessStatuses = [204],
        Conditional = true,
    };

    public static void Map(Router router, SessionService sessions, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(StartSession, IdempotentRoute.WrapAtomic(idempotency, "workouts-sessions", async (request, create) =>
        {
            var input = request.ReadJson(WorkoutsJsonContext.Default.SessionInput);
            var session = await sessions.PrepareStartAsync(request.UserId, input, create.Creation, request.CancellationToken).ConfigureAwait(false);
            var answer = HttpResult.Created(SessionResponse.From(session, []), WorkoutsJsonContext.Default.SessionResponse, "/workouts/sessions/" + session.Id, Versioning.ETag(session.Version));
            await sessions.StartAsync(request.UserId, session, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            return answer;
        }, time));

        router.Map(UploadSession, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(WorkoutsJsonContext.Default.WorkoutUpload);
            var result = await sessions.UploadAsync(request.UserId, request.PathParameter("sessionId"), input, precondition, request.CancellationToken).ConfigureAwait(false);
            var body = SessionResponse.From(result.Session, result.Sets);
            var etag = Versioning.ETag(result.Session.Version);
            return result.Outcome switch
            {
                UploadOutcome.Created or UploadOutcome.AlreadyCreated => HttpResult.Created(body, WorkoutsJsonContext.Default.SessionResponse, "/workouts/sessions/" + result.Session.Id, etag),
                UploadOutcome.Stale => throw HttpProblemException.Stale(body, WorkoutsJsonContext.Default.SessionResponse, etag),
                _ => HttpResult.Ok(body, WorkoutsJsonContext.Default.SessionResponse, etag),
            };
        });

        router.Map(ListSessions, async request =>
        {
            var errors = new ValidationErrors();
            var from = DateQuery.Read(request, "from", errors);
            var to = DateQuery.Read(request, "to", errors);
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();
            var (items, next) = await sessions.HistoryAsync(request.UserId, from, to, request.Query("exerciseId"), limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(new Page<SessionResponse> { Items = items.Select(s => SessionResponse.From(s)).ToList(), NextCursor = next }, WorkoutsJsonContext.Default.PageSessionResponse);
        });

        router.Map(ActiveSession, async request => Whole(await sessions.ActiveAsync(request.UserId, request.CancellationToken).ConfigureAwait(false)));

        router.Map(GetSession, async request => Whole(await sessions.GetAsync(request.UserId, request.PathParameter("sessionId"), request.CancellationToken).ConfigureAwait(false)));

        router.Map(CompleteSession, async request =>
        {
            var input = request.ReadBodyBytes().Length == 0 ? null : request.ReadJson(WorkoutsJsonContext.Default.CompletionInput);
            return Whole(await sessions.CompleteAsync(request.UserId, request.PathParameter("sessionId"), input, request.CancellationToken).ConfigureAwait(false));
        });

        router.Map(DiscardSession, async request =>
        {
            var precondition = Preconditions.Read(request);
            await sessions.DiscardAsync(request.UserId, request.PathParameter("sessionId"), precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });
    }

    private static HttpResult Whole((Session Session, List<LoggedSet> Sets) whole) =>
        HttpResult.Ok(SessionResponse.From(whole.Session, whole.Sets), WorkoutsJsonContext.Default.SessionResponse, Versioning.ETag(whole.Session.Version));
}
