using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Sync.Domain;

namespace GymCoach.Sync.Routes;

/// <summary>HTTP mapping of GET /sync: parse the cursor and limit, read, map.</summary>
public static class SyncRoutes
{
    public static readonly RouteSpec Sync = new("GET /sync", "Sync")
    {
        Summary = "Every change to your data since a cursor, across profile, preferences, measurements, photos (metadata), your exercises, plans, "
            + "schedule, sessions and their sets, records and achievements: each an upsert (the entity's own GET JSON and version) or a tombstone. "
            + "Without a cursor, the full snapshot. Keep nextCursor and sync from it next time; hasMore: ask again now. A cursor older than 30 days is 410 "
            + "sync-cursor-expired: sync again without one.",
        ResponseBody = SyncJsonContext.Default.SyncResponse,
        // The head's read checks the deletion marker too: a sync with nothing new stays one request.
        FencesItself = true,
        Query =
        [
            new("since", "string", "The nextCursor of your previous sync; absent: a full snapshot."),
            new("limit", "integer", $"Changes per page, 1–{SyncReader.MaxLimit} (default {SyncReader.DefaultLimit})."),
        ],
    };

    public static void Map(Router router, SyncReader reader, SyncCursors cursors)
    {
        router.Map(Sync, async request =>
        {
            var errors = new ValidationErrors();
            var limit = QueryParameters.Limit(request, errors, SyncReader.DefaultLimit, SyncReader.MaxLimit);
            errors.ThrowIfAny();
            try
            {
                var position = cursors.Decode(request.Query("since"), request.UserId);
                var page = await reader.ReadAsync(request.UserId, position, limit, request.CancellationToken).ConfigureAwait(false);
                return HttpResult.Ok(
                    new SyncResponse { Changes = [.. page.Changes], NextCursor = cursors.Encode(page.Next, request.UserId), HasMore = page.HasMore },
                    SyncJsonContext.Default.SyncResponse);
            }
            catch (SyncCursorExpiredException ex)
            {
                throw new HttpProblemException(410, "sync-cursor-expired", "Sync cursor expired", ex.Message);
            }
            catch (GymCoach.Data.InvalidCursorException ex)
            {
                throw HttpProblemException.BadRequest(ex.Message, "since");
            }
        });
    }
}
