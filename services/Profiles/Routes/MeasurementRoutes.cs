using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of body measurements.</summary>
public static class MeasurementRoutes
{
    public static readonly RouteSpec AddMeasurement = new("POST /profiles/me/measurements", "AddMeasurement")
    {
        Summary = "Records a body measurement (weight, body fat, girths) on a date.",
        RequestBody = ProfilesJsonContext.Default.MeasurementInput,
        ResponseBody = ProfilesJsonContext.Default.MeasurementResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = """{"date":"2026-11-20","weightKg":80.5,"bodyFatPct":18.2,"girths":{"waistCm":84,"chestCm":101}}""",
    };

    public static readonly RouteSpec ListMeasurements = new("GET /profiles/me/measurements", "ListMeasurements")
    {
        Summary = "The caller's measurements, newest first, one page at a time.",
        ResponseBody = ProfilesJsonContext.Default.PageMeasurementResponse,
        Query =
        [
            new("from", "date", "Earliest date, inclusive (YYYY-MM-DD)."),
            new("to", "date", "Latest date, inclusive (YYYY-MM-DD)."),
            new("limit", "integer", $"Page size, 1–{QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit})."),
            new("cursor", "string", "The previous page's nextCursor."),
        ],
    };

    public static void Map(Router router, MeasurementService measurements, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(AddMeasurement, IdempotentRoute.Wrap(idempotency, "measurements", async (request, creation) =>
        {
            var input = request.ReadJson(ProfilesJsonContext.Default.MeasurementInput);
            var measurement = await measurements.AddAsync(request.UserId, input, creation, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Created(MeasurementResponse.From(measurement), ProfilesJsonContext.Default.MeasurementResponse);
        }, time));

        router.Map(ListMeasurements, async request =>
        {
            var errors = new ValidationErrors();
            var from = QueryParameters.Date(request, "from", errors);
            var to = QueryParameters.Date(request, "to", errors);
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();

            var (items, next) = await measurements.ListAsync(request.UserId, from, to, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            var page = new Page<MeasurementResponse> { Items = items.Select(MeasurementResponse.From).ToList(), NextCursor = next };
            return HttpResult.Ok(page, ProfilesJsonContext.Default.PageMeasurementResponse);
        });
    }
}
