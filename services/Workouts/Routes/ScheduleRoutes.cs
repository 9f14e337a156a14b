using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Routes;

/// <summary>HTTP mapping of the workout calendar.</summary>
public static class ScheduleRoutes
{
    public static readonly RouteSpec Schedule = new("POST /workouts/schedule", "ScheduleWorkout")
    {
        Summary = "Puts a plan (or a named workout) on a day. Starting a session with its scheduledId marks it done.",
        RequestBody = WorkoutsJsonContext.Default.ScheduleInput,
        ResponseBody = WorkoutsJsonContext.Default.ScheduleResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = """{"date":"2026-12-07","name":"Leg day","notes":"Squat focus"}""",
    };

    public static readonly RouteSpec ListSchedule = new("GET /workouts/schedule", "ListSchedule")
    {
        Summary = $"The calendar from one day to another (inclusive, at most {ScheduleService.MaxRangeDays} days; the coming week by default), in date order.",
        ResponseBody = WorkoutsJsonContext.Default.ScheduleListResponse,
        Query =
        [
            new("from", "date", "First day (YYYY-MM-DD); today by default."),
            new("to", "date", "Last day (YYYY-MM-DD); six days after from by default."),
        ],
    };

    public static readonly RouteSpec Unschedule = new("DELETE /workouts/schedule/{scheduleId}", "UnscheduleWorkout")
    {
        Summary = "Removes a scheduled workout (If-Match required).",
        SuccessStatuses = [204],
        Conditional = true,
    };

    public static void Map(Router router, ScheduleService schedule, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(Schedule, IdempotentRoute.WrapAtomic(idempotency, "workouts-schedule", async (request, create) =>
        {
            var input = request.ReadJson(WorkoutsJsonContext.Default.ScheduleInput);
            var entry = await schedule.PrepareAsync(request.UserId, input, create.Creation.At, request.CancellationToken).ConfigureAwait(false);
            var answer = HttpResult.Created(ScheduleResponse.From(entry), WorkoutsJsonContext.Default.ScheduleResponse, "/workouts/schedule/" + entry.Id, Versioning.ETag(entry.Version));
            await schedule.CreateAsync(request.UserId, entry, create.RecordFor(answer), request.CancellationToken).ConfigureAwait(false);
            return answer;
        }, time));

        router.Map(ListSchedule, async request =>
        {
            var errors = new ValidationErrors();
            var from = DateQuery.Read(request, "from", errors);
            var to = DateQuery.Read(request, "to", errors);
            errors.ThrowIfAny();
            var items = await schedule.ListAsync(request.UserId, from, to, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(new ScheduleListResponse { Items = items.Select(ScheduleResponse.From).ToList() }, WorkoutsJsonContext.Default.ScheduleListResponse);
        });

        router.Map(Unschedule, async request =>
        {
            var precondition = Preconditions.Read(request);
            await schedule.DeleteAsync(request.UserId, request.PathParameter("scheduleId"), precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });
    }
}
