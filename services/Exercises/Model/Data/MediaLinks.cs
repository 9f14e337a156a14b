using Amazon.S3;
using GymCoach.Storage;

namespace GymCoach.Exercises.Data;

/// <summary>
/// Short-lived presigned GET URLs for exercise media in the media bucket. Signing happens in the process (no
/// request to S3); the URL works for that one key until it expires, so the app never holds a credential.
/// </summary>
public sealed class MediaLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly Presigner _presigner;

    public MediaLinks(IAmazonS3 s3, string bucket, TimeProvider time) => _presigner = new Presigner(s3, bucket, time);

    public async Task<(string Url, DateTimeOffset ExpiresAt)> GetAsync(string key)
    {
        var signed = await _presigner.GetAsync(key, Lifetime).ConfigureAwait(false);
        return (signed.Url, signed.ExpiresAt);
    }
}
