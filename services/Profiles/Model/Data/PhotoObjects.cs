using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using GymCoach.Profiles.Domain;
using GymCoach.Storage;

namespace GymCoach.Profiles.Data;

/// <summary>The S3 side of progress photos: the object under the user's prefix, its upload and view URLs.</summary>
public sealed class PhotoObjects
{
    private readonly IAmazonS3 _s3;
    private readonly Presigner _presigner;

    public PhotoObjects(IAmazonS3 s3, string bucket, TimeProvider time)
    {
        _s3 = s3;
        _presigner = new Presigner(s3, bucket, time);
    }

    public static string Key(string userId, Photo photo) => ObjectKeys.Photo(userId, photo.Id);

    /// <summary>
    /// Tag of a photo object: uploads arrive <c>pending</c> (the bucket's lifecycle rule expires pending objects, so
    /// an upload whose record was never confirmed and expired leaves nothing), and turn <c>ready</c> once confirmed.
    /// </summary>
    public const string StateTag = "gymcoach-state";

    /// <summary>The upload URL, working for <paramref name="lifetime"/> (no longer than the record's window, which a deletion outwaits).</summary>
    public Task<PresignedRequest> UploadAsync(string userId, Photo photo, TimeSpan lifetime) =>
        _presigner.PutAsync(Key(userId, photo), photo.ContentType, photo.SizeBytes, lifetime, StateTag + "=" + Photo.Pending, createOnly: true);

    /// <summary>Marks the object kept (the lifecycle rule for pending uploads no longer applies to it); false when it is gone meanwhile.</summary>
    public async Task<bool> KeepAsync(string userId, Photo photo, CancellationToken cancellationToken)
    {
        try
        {
            await _s3.PutObjectTaggingAsync(
                new PutObjectTaggingRequest { BucketName = _presigner.Bucket, Key = Key(userId, photo), Tagging = new Tagging { TagSet = [new Tag { Key = StateTag, Value = Photo.Ready }] } },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task<PresignedRequest> ViewAsync(string userId, Photo photo) =>
        _presigner.GetAsync(Key(userId, photo), PhotoRules.ViewLifetime);

    /// <summary>Whether the upload happened as declared: the object exists with the signed type and size (false when S3 cannot tell now).</summary>
    public async Task<bool> UploadedAsync(string userId, Photo photo, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _presigner.Bucket, Key = Key(userId, photo) }, cancellationToken).ConfigureAwait(false);
            return head.ContentLength == photo.SizeBytes && string.Equals(head.Headers.ContentType, photo.ContentType, StringComparison.OrdinalIgnoreCase);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Without s3:ListBucket (deliberately not granted to this function) S3 answers a missing key with 403.
            return false;
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonClientException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // S3 could not say: the photo stays pending and the next read asks again, rather than the whole page failing.
            return false;
        }
    }

    public async Task DeleteAsync(string userId, Photo photo, CancellationToken cancellationToken) =>
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _presigner.Bucket, Key = Key(userId, photo) }, cancellationToken).ConfigureAwait(false);
}
