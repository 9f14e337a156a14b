using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Routes;

/// <summary>HTTP mapping of workout plans: parse, call <see cref="PlanService"/>, map.</summary>
public static class PlanRoutes
{
    /// <summary>
    /// A valid body that needs no other data (the route-table tests send it to an empty table, where no
    /// library is seeded); a real plan lists exercises: <c>{"exerciseId":"barbell-bench-press","sets":[{"repsMin":6,"repsMax":8,"weightKg":80,"restSeconds":150}]}</c>.
    /// </summary>
    public const string Example = """{"name":"Push day","notes":"Heavy week","exercises":[]}""";

    public static readonly RouteSpec ListPlans = new("GET /workouts/plans", "ListPlans")
    {
        Summary = "Your workout plans, newest first, one page at a time.",
        ResponseBody = WorkoutsJsonContext.Default.PagePlanResponse,
        Query = [Limit, Cursor],
    };

    public static readonly RouteSpec CreatePlan = new("POST /workouts/plans", "CreatePlan")
    {
        Summary = $"Creates a plan: a name, notes and up to {PlanRules.MaxExercises} exercises (library or your own) with up to {PlanRules.MaxSetsPerExercise} target sets each.",
        RequestBody = WorkoutsJsonContext.Default.PlanInput,
        ResponseBody = WorkoutsJsonContext.Default.PlanResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = Example,
    };

    public static readonly RouteSpec GetPlan = new("GET /workouts/plans/{planId}", "GetPlan")
    {
        Summary = "One of your plans, with its ETag.",
        ResponseBody = WorkoutsJsonContext.Default.PlanResponse,
    };

    public static readonly RouteSpec ReplacePlan = new("PUT /workouts/plans/{planId}", "ReplacePlan")
    {
        Summary = "Replaces one of your plans (If-Match required: 428 without, 412 when stale).",
        RequestBody = WorkoutsJsonContext.Default.PlanInput,
        ResponseBody = WorkoutsJsonContext.Default.PlanResponse,
        Conditional = true,
        Example = Example,
    };

    public static readonly RouteSpec DeletePlan = new("DELETE /workouts/plans/{planId}", "DeletePlan")
    {
        Summary = "Deletes one of your plans (If-Match required). Sessions started from it keep their copied targets.",
        SuccessStatuses = [204],
        Conditional = true,
    };

    public static readonly RouteSpec CopyPlan = new("POST /workouts/plans/{planId}/copy", "CopyPlan")
    {
        Summary = "Copies one of your plans into a new one named \"… (copy)\".",
        ResponseBody = WorkoutsJsonContext.Default.PlanResponse,
        SuccessStatuses = [201],
        Idempotent = true,
    };

    internal static QueryParameterSpec Limit => new("limit", "integer", $"Page size, 1–{QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit}).");

    internal static QueryParameterSpec Cursor => new("cursor", "string", "The previous page's nextCursor.");

    public static void Map(Router router, PlanService plans, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(ListPlans, async request =>
        {
            var errors = new ValidationErrors();
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();
            var (items, next) = await plans.ListAsync(request.UserId, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(new Page<PlanResponse> { Items = items.Select(PlanResponse.From).ToList(), NextCursor = next }, WorkoutsJsonContext.Default.PagePlanResponse);
        });

        router.Map(CreatePlan, IdempotentRoute.WrapAtomic(idempotency, "workouts-plans", async (request, create) =>
        {
            var input = request.ReadJson(WorkoutsJsonContext.Default.PlanInput);
            var plan = await plans.PrepareAsync(request.UserId, input, DeviceIds.For(input.Id, create.Creation), request.CancellationToken).ConfigureAwait(false);
            if (input.Id is not null)
            {
                // The device's id is the create's identity: a resend answers the plan stored under it.
                var stored = await plans.CreateAsync(request.UserId, plan, null, request.CancellationToken).ConfigureAwait(false);
                return Created(DeviceIds.Resent(PlanResponse.From(plan), PlanResponse.From(stored), WorkoutsJsonContext.Default.PlanResponse, PlanResponse.ServerFields, Versioning.ETag(stored.Version)));
            }

            var answer = Created(plan);
            await plans.CreateAsync(request.UserId, plan, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            return answer;
        }, time));

        router.Map(CopyPlan, IdempotentRoute.WrapAtomic(idempotency, "workouts-plan-copies", async (request, create) =>
        {
            var plan = await plans.PrepareCopyAsync(request.UserId, request.PathParameter("planId"), create.Creation, request.CancellationToken).ConfigureAwait(false);
            var answer = Created(plan);
            await plans.CreateAsync(request.UserId, plan, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            return answer;
        }, time));

        router.Map(GetPlan, async request =>
        {
            var plan = await plans.GetAsync(request.UserId, request.PathParameter("planId"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(PlanResponse.From(plan), WorkoutsJsonContext.Default.PlanResponse, Versioning.ETag(plan.Version));
        });

        router.Map(ReplacePlan, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(WorkoutsJsonContext.Default.PlanInput, PlanResponse.ServerFields);
            var plan = await plans.ReplaceAsync(request.UserId, request.PathParameter("planId"), input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(PlanResponse.From(plan), WorkoutsJsonContext.Default.PlanResponse, Versioning.ETag(plan.Version));
        });

        router.Map(DeletePlan, async request =>
        {
            var precondition = Preconditions.Read(request);
            await plans.DeleteAsync(request.UserId, request.PathParameter("planId"), precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });
    }

    private static HttpResult Created(Plan plan) => Created(PlanResponse.From(plan));

    private static HttpResult Created(PlanResponse plan) =>
        HttpResult.Created(plan, WorkoutsJsonContext.Default.PlanResponse, "/workouts/plans/" + plan.Id, Versioning.ETag(plan.Version));
}
