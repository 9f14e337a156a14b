using System.Globalization;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>
/// What a progress photo may be, and its id. The id carries the day it was taken
/// (<c>yyyyMMdd-ULID</c>), so a photo's key is known from its id alone and deleting one is one request.
/// </summary>
public static class PhotoRules
{
    public const long MaxSizeBytes = 10L * 1024 * 1024;

    /// <summary>How long the upload URL works; the app asks for it just before uploading.</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long a presigned GET of a ready photo works.</summary>
    public static readonly TimeSpan ViewLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A record still pending this long after its upload window closed is removed by the table's TTL.</summary>
    public static readonly TimeSpan PendingRetention = TimeSpan.FromDays(2);

    public static readonly IReadOnlySet<string> ContentTypes = new HashSet<string>(StringComparer.Ordinal) { "image/jpeg", "image/png", "image/heic" };

    private static readonly DateOnly Earliest = new(1900, 1, 1);

    public static Photo Validate(PhotoInput input, Creation creation)
    {
        var errors = new ValidationErrors();
        var today = DateOnly.FromDateTime(creation.At.UtcDateTime);
        DateOnly takenOn = default;
        if (input.TakenOn is null)
        {
            errors.Add("takenOn", "Is required.");
        }
        else if (!Timestamps.TryParseDate(input.TakenOn, out takenOn))
        {
            errors.Add("takenOn", "Must be a date in the form YYYY-MM-DD.");
        }
        else if (takenOn < Earliest || takenOn > today.AddDays(1))
        {
            errors.Add("takenOn", "Must be a real date, not in the future.");
        }

        if (input.ContentType is null)
        {
            errors.Add("contentType", "Is required.");
        }
        else if (!ContentTypes.Contains(input.ContentType))
        {
            errors.Add("contentType", "Must be image/jpeg, image/png or image/heic.");
        }

        if (input.SizeBytes is not { } size)
        {
            errors.Add("sizeBytes", "Is required.");
        }
        else if (size is < 1 or > MaxSizeBytes)
        {
            errors.Add("sizeBytes", $"Must be between 1 and {MaxSizeBytes} bytes (10 MB).");
        }

        errors.ThrowIfAny();
        return new Photo(IdFor(takenOn, creation.Id), takenOn, input.ContentType!, input.SizeBytes!.Value, Photo.Pending, creation.At, creation.At.Add(UploadLifetime));
    }

    public static string IdFor(DateOnly takenOn, string ulid) => string.Concat(takenOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), "-", ulid);

    /// <summary>The day a well-formed id names; false for anything else (which then names no photo: 404).</summary>
    public static bool TryParseId(string id, out DateOnly takenOn)
    {
        takenOn = default;
        return id.Length == 35 && id[8] == '-'
            && DateOnly.TryParseExact(id.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out takenOn)
            && GymCoach.Data.Ulid.IsValid(id[9..]);
    }
}
