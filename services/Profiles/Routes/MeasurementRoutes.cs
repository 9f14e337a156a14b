using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of body measurements.</summary>
public static class MeasurementRoutes
{
    public static void Map(Router router, MeasurementService measurements, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map("POST /profiles/me/measurements", IdempotentRoute.Wrap(idempotency, "measurements", async (request, creation) =>
        {
            var input = request.ReadJson(ProfilesJsonContext.Default.MeasurementInput);
            var measurement = await measurements.AddAsync(request.UserId, input, creation, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Created(MeasurementResponse.From(measurement), ProfilesJsonContext.Default.MeasurementResponse);
        }, time));

        router.Map("GET /profiles/me/measurements", async request =>
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
