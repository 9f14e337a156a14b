using Amazon.Runtime;
using Amazon.S3;

namespace GymCoach.Exercises.Data;

/// <summary>The media bucket's name, from <c>MEDIA_BUCKET</c> (the template sets it from the bucket resource).</summary>
public static class MediaBucket
{
    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable("MEDIA_BUCKET") is { Length: > 0 } name ? name : throw new InvalidOperationException("MEDIA_BUCKET is not set.");

    /// <summary>A client for functions built without media (tests, route descriptions): signs, never connects.</summary>
    public static IAmazonS3 Unset() => new AmazonS3Client(new BasicAWSCredentials("unset", "unset"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
