using GymCoach.Lambda.Text;
using GymCoach.Storage;

namespace GymCoach.Profiles.Domain;

/// <summary>A progress photo as the app receives it; <c>url</c> (a presigned GET) only once it is ready.</summary>
public sealed class PhotoResponse
{
    public required string Id { get; init; }

    public required string TakenOn { get; init; }

    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    /// <summary><c>pending</c> (upload not seen yet), <c>ready</c>, or <c>expired</c> (the upload window closed with no object).</summary>
    public required string State { get; init; }

    public required string CreatedAt { get; init; }

    public string? Url { get; init; }

    public string? UrlExpiresAt { get; init; }

    /// <summary>While pending: when the upload window closes. A photo still pending after it (plus a few minutes' grace) is expired, which a synced replica works out from this.</summary>
    public string? UploadExpiresAt { get; init; }

    public static PhotoResponse From(PhotoView view) => new()
    {
        Id = view.Photo.Id,
        TakenOn = Timestamps.ToApi(view.Photo.TakenOn),
        ContentType = view.Photo.ContentType,
        SizeBytes = view.Photo.SizeBytes,
        State = view.Photo.State,
        CreatedAt = Timestamps.ToApi(view.Photo.CreatedAt),
        Url = view.View?.Url,
        UrlExpiresAt = view.View is { } v ? Timestamps.ToApi(v.ExpiresAt) : null,
        UploadExpiresAt = view.Photo.State == Photo.Pending ? Timestamps.ToApi(view.Photo.UploadExpiresAt) : null,
    };
}

/// <summary>Where and how to upload: a PUT of exactly the declared bytes, with exactly these headers, before <c>expiresAt</c>.</summary>
public sealed class UploadResponse
{
    public required string Url { get; init; }

    public required string Method { get; init; }

    public required string ExpiresAt { get; init; }

    public required Dictionary<string, string> Headers { get; init; }

    public static UploadResponse From(PresignedRequest request) => new()
    {
        Url = request.Url,
        Method = "PUT",
        ExpiresAt = Timestamps.ToApi(request.ExpiresAt),
        Headers = new Dictionary<string, string>(request.Headers, StringComparer.Ordinal),
    };
}

/// <summary>The answer to POST /profiles/me/photos: the pending record and its upload.</summary>
public sealed class PhotoUploadResponse
{
    public required PhotoResponse Photo { get; init; }

    public required UploadResponse Upload { get; init; }
}
