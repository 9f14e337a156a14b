using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Routes;

/// <summary>HTTP mapping of progress photos: parse, call <see cref="PhotoService"/>, map.</summary>
public static class PhotoRoutes
{
    public static readonly RouteSpec AddPhoto = new("POST /profiles/me/photos", "AddPhoto")
    {
        Summary = "Starts a progress photo upload: a pending record and a presigned PUT (15 minutes) bound to its key, content type and exact size (≤ 10 MB); an account holds at most 1,000 photos and 5 GiB (409 collection-full). The photo is ready once the object exists; reading it confirms that.",
        RequestBody = ProfilesJsonContext.Default.PhotoInput,
        ResponseBody = ProfilesJsonContext.Default.PhotoUploadResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":2483117}""",
    };

    public static readonly RouteSpec ListPhotos = new("GET /profiles/me/photos", "ListPhotos")
    {
        Summary = "The caller's progress photos, newest first, with presigned GET URLs (5 minutes) for the ready ones.",
        ResponseBody = ProfilesJsonContext.Default.PagePhotoResponse,
        Query =
        [
            new("from", "date", "Earliest day taken, inclusive (YYYY-MM-DD)."),
            new("to", "date", "Latest day taken, inclusive (YYYY-MM-DD)."),
            new("limit", "integer", $"Page size, 1–{QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit})."),
            new("cursor", "string", "The previous page's nextCursor."),
        ],
    };

    public static readonly RouteSpec GetPhoto = new("GET /profiles/me/photos/{id}", "GetPhoto")
    {
        Summary = "One progress photo (the app polls it after uploading: it turns ready as soon as the object exists).",
        ResponseBody = ProfilesJsonContext.Default.PhotoResponse,
    };

    public static readonly RouteSpec DeletePhoto = new("DELETE /profiles/me/photos/{id}", "DeletePhoto")
    {
        Summary = "Deletes a progress photo: its object, then its record.",
        SuccessStatuses = [204],
    };

    public static void Map(Router router, PhotoService photos, IdempotencyStore idempotency, TimeProvider time)
    {
        router.Map(AddPhoto, IdempotentRoute.Wrap(idempotency, "photos", async (request, creation) =>
        {
            var input = request.ReadJson(ProfilesJsonContext.Default.PhotoInput);
            var (photo, upload) = await photos.CreateAsync(request.UserId, input, creation, request.CancellationToken).ConfigureAwait(false);
            var body = new PhotoUploadResponse { Photo = PhotoResponse.From(new PhotoView(photo, null)), Upload = UploadResponse.From(upload) };
            return HttpResult.Created(body, ProfilesJsonContext.Default.PhotoUploadResponse, "/profiles/me/photos/" + photo.Id);
        }, time));

        router.Map(ListPhotos, async request =>
        {
            var errors = new ValidationErrors();
            var from = QueryParameters.Date(request, "from", errors);
            var to = QueryParameters.Date(request, "to", errors);
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();

            var (items, next) = await photos.ListAsync(request.UserId, from, to, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            var page = new Page<PhotoResponse> { Items = items.Select(PhotoResponse.From).ToList(), NextCursor = next };
            return HttpResult.Ok(page, ProfilesJsonContext.Default.PagePhotoResponse);
        });

        router.Map(GetPhoto, async request =>
        {
            var view = await photos.GetAsync(request.UserId, request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(PhotoResponse.From(view), ProfilesJsonContext.Default.PhotoResponse);
        });

        router.Map(DeletePhoto, async request =>
        {
            await photos.DeleteAsync(request.UserId, request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });
    }
}
