using Amazon.S3;
using Amazon.S3.Model;

namespace GymCoach.Exercises.Data;

/// <summary>
/// Short-lived presigned GET URLs for exercise media in the media bucket. Signing happens in the process (no
/// request to S3); the URL works for that one key until it expires, so the app never holds a credential.
/// </summary>
public sealed class MediaLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly TimeProvider _time;

    public MediaLinks(IAmazonS3 s3, string bucket, TimeProvider time)
    {
        _s3 = s3;
        _bucket = bucket;
        _time = time;
    }

    public static IAmazonS3 CreateClient() => new AmazonS3Client(new AmazonS3Config
    {
        // Path-style only where an endpoint is configured (s3rver locally); AWS itself takes virtual-hosted style.
        ForcePathStyle = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3") is { Length: > 0 },
    });

    public async Task<(string Url, DateTimeOffset ExpiresAt)> GetAsync(string key)
    {
        var expires = _time.GetUtcNow().Add(Lifetime);
        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = _s3.Config.ServiceURL?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS,
        }).ConfigureAwait(false);
        return (url, expires);
    }
}
