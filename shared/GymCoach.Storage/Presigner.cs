using Amazon.S3;
using Amazon.S3.Model;

namespace GymCoach.Storage;

/// <summary>A presigned request the app makes itself: where, until when, and the headers it must send as signed.</summary>
public sealed record PresignedRequest(string Url, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Presigned S3 URLs, signed in the process (no request to S3). A URL is bound to one key, one verb and the
/// headers it was signed with (SigV4 signs the path and every listed header), so it cannot fetch or write
/// another key, and an upload signed for a type and a length is refused with any other.
/// </summary>
public sealed class Presigner
{
    public const string TaggingHeader = "x-amz-tagging";

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly TimeProvider _time;

    public Presigner(IAmazonS3 s3, string bucket, TimeProvider time)
    {
        _s3 = s3;
        _bucket = bucket;
        _time = time;
    }

    public string Bucket => _bucket;

    public async Task<PresignedRequest> GetAsync(string key, TimeSpan lifetime, string? downloadName = null)
    {
        var expires = _time.GetUtcNow().Add(lifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = Protocol,
        };
        if (downloadName is not null)
        {
            request.ResponseHeaderOverrides.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
        }

        var url = await _s3.GetPreSignedURLAsync(request).ConfigureAwait(false);
        return new PresignedRequest(url, expires, new Dictionary<string, string>());
    }

    /// <summary>
    /// A PUT of exactly <paramref name="length"/> bytes of <paramref name="contentType"/> to <paramref name="key"/>,
    /// stored with <paramref name="tagging"/> (URL-encoded <c>k=v&amp;…</c>) when given: the lifecycle rules act on tags.
    /// <paramref name="createOnly"/> signs <c>If-None-Match: *</c>: the URL then writes the key once, and a replay
    /// (a retried upload) cannot overwrite what is there.
    /// </summary>
    public async Task<PresignedRequest> PutAsync(string key, string contentType, long length, TimeSpan lifetime, string? tagging = null, bool createOnly = false)
    {
        var expires = _time.GetUtcNow().Add(lifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            Expires = expires.UtcDateTime,
            Protocol = Protocol,
            ContentType = contentType,
        };
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = contentType,
            ["content-length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        request.Headers["Content-Length"] = headers["content-length"];
        if (tagging is not null)
        {
            request.Headers[TaggingHeader] = tagging;
            headers[TaggingHeader] = tagging;
        }

        if (createOnly)
        {
            request.Headers["If-None-Match"] = "*";
            headers["if-none-match"] = "*";
        }

        var url = await _s3.GetPreSignedURLAsync(request).ConfigureAwait(false);
        return new PresignedRequest(url, expires, headers);
    }

    private Protocol Protocol => _s3.Config.ServiceURL?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS;
}
