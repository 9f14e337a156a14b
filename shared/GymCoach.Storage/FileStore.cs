using Amazon.S3;

namespace GymCoach.Storage;

/// <summary>Where a function keeps the user's files: a client and the bucket, built once per process.</summary>
public sealed record FileStore(IAmazonS3 S3, string Bucket)
{
    public static FileStore FromEnvironment() => new(S3ClientFactory.Create(), MediaBucket.FromEnvironment());

    /// <summary>For functions built without storage (route descriptions): signs, never connects.</summary>
    public static FileStore Unset() => new(S3ClientFactory.Unset(), "unset");
}
