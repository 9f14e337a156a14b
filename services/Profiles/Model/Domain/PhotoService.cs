using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Data;
using GymCoach.Storage;

namespace GymCoach.Profiles.Domain;

/// <summary>A photo as the app sees it: the record, and a short-lived URL once it is ready.</summary>
public sealed record PhotoView(Photo Photo, PresignedRequest? View);

/// <summary>
/// Progress photos: hand out an upload URL bound to one key, type and size; confirm the upload the first time
/// the photo is read after it (a HEAD of the object: no S3 event wiring, and it works the same locally); list
/// with view URLs; delete object and record.
/// </summary>
public sealed class PhotoService
{
    /// <summary>Pending photos checked against S3 at once while a page is read.</summary>
    public const int ParallelChecks = 8;

    /// <summary>An upload that started before its URL expired may still be finishing: it is looked for this much longer.</summary>
    public static readonly TimeSpan UploadGrace = TimeSpan.FromMinutes(5);

    private readonly PhotoRepository _records;
    private readonly PhotoObjects _objects;
    private readonly CursorCodec _cursors;
    private readonly TimeProvider _time;

    public PhotoService(PhotoRepository records, PhotoObjects objects, CursorCodec cursors, TimeProvider time)
    {
        _records = records;
        _objects = objects;
        _cursors = cursors;
        _time = time;
    }

    public async Task<(Photo Photo, PresignedRequest Upload)> CreateAsync(string userId, PhotoInput input, Creation creation, CancellationToken cancellationToken)
    {
        var photo = PhotoRules.Validate(input, creation);
        Photo stored;
        try
        {
            stored = await _records.AddAsync(userId, photo, PhotoObjects.Key(userId, photo), cancellationToken).ConfigureAwait(false);
        }
        catch (CollectionFullException)
        {
            // The counter may hold uploads long abandoned, or that the TTL has since removed: counted afresh (at most
            // every few minutes), there may be room.
            if (!await _records.RecountAsync(userId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                throw;
            }

            stored = await _records.AddAsync(userId, photo, PhotoObjects.Key(userId, photo), cancellationToken).ConfigureAwait(false);
        }


        // A retried create gets the record its first attempt stored: its URL ends with that record's window.
        var left = stored.UploadExpiresAt - _time.GetUtcNow();
        return left > TimeSpan.FromSeconds(30) && stored.State == Photo.Pending
            ? (stored, await _objects.UploadAsync(userId, stored, left).ConfigureAwait(false))
            : throw new ConflictException("This upload's window has closed; ask for a new photo.");
    }

    public async Task<PhotoView> GetAsync(string userId, string photoId, CancellationToken cancellationToken)
    {
        var photo = await FindAsync(userId, photoId, cancellationToken).ConfigureAwait(false);
        return await ViewAsync(userId, photo, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such photo.");
    }

    public async Task<(IReadOnlyList<PhotoView> Items, string? NextCursor)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw InvalidInputException.For("from", "'from' must not be after 'to'.");
        }

        var query = string.Concat("photos|", from is { } f1 ? Timestamps.ToApi(f1) : null, "|", to is { } t1 ? Timestamps.ToApi(t1) : null);
        var startKey = _cursors.Decode(cursor, userId, query, CursorScope.Table(Keys.User(userId), Keys.PhotoPrefix));
        var (photos, lastKey) = await _records.ListAsync(userId, from, to, limit, startKey, cancellationToken).ConfigureAwait(false);
        var views = new PhotoView?[photos.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, photos.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken },
            async (i, ct) => views[i] = await ViewAsync(userId, photos[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        // A photo deleted while the page was read is left out, not answered for the whole page.
        return (views.OfType<PhotoView>().ToList(), _cursors.Encode(lastKey, userId, query));
    }

    /// <summary>Removes the object, then the record (so a failure between the two leaves a record to delete again, never an orphan object).</summary>
    public async Task DeleteAsync(string userId, string photoId, CancellationToken cancellationToken)
    {
        var photo = await FindAsync(userId, photoId, cancellationToken).ConfigureAwait(false);
        await _objects.DeleteAsync(userId, photo, cancellationToken).ConfigureAwait(false);
        await _records.DeleteAsync(userId, photo, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Photo> FindAsync(string userId, string photoId, CancellationToken cancellationToken) =>
        PhotoRules.TryParseId(photoId, out var takenOn)
        && await _records.GetAsync(userId, takenOn, photoId, cancellationToken).ConfigureAwait(false) is { } photo
            ? photo
            : throw new NotFoundException("No such photo.");

    /// <summary>The photo as the app sees it, confirming a finished upload; null when a concurrent DELETE removed it meanwhile.</summary>
    private async Task<PhotoView?> ViewAsync(string userId, Photo photo, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (photo.State == Photo.Pending)
        {
            if (await _objects.UploadedAsync(userId, photo, cancellationToken).ConfigureAwait(false))
            {
                if (!await _objects.KeepAsync(userId, photo, cancellationToken).ConfigureAwait(false)
                    || !await _records.MarkReadyAsync(userId, photo, now, cancellationToken).ConfigureAwait(false))
                {
                    // The object went between the HEAD and now, or the record stopped being pending (another read
                    // marked it ready, or a DELETE removed it): answer what is stored now.
                    return await StoredViewAsync(userId, photo, cancellationToken).ConfigureAwait(false);
                }

                photo = photo with { State = Photo.Ready };
            }
            else if (now > photo.UploadExpiresAt + UploadGrace)
            {
                return new PhotoView(photo with { State = Photo.Expired }, null);
            }
        }

        return new PhotoView(photo, photo.State == Photo.Ready ? await _objects.ViewAsync(userId, photo).ConfigureAwait(false) : null);
    }

    /// <summary>The record as stored now (null once deleted); a pending one whose object is gone is expired.</summary>
    private async Task<PhotoView?> StoredViewAsync(string userId, Photo photo, CancellationToken cancellationToken)
    {
        if (await _records.GetAsync(userId, photo.TakenOn, photo.Id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        return stored.State == Photo.Ready
            ? new PhotoView(stored, await _objects.ViewAsync(userId, stored).ConfigureAwait(false))
            : new PhotoView(stored with { State = Photo.Expired }, null);
    }
}
