using Amazon.Runtime;
using Amazon.S3;

namespace GymCoach.Storage;

/// <summary>
/// The one way a function builds its S3 client: statically, once per process, path-style only where an
/// endpoint is configured (s3rver locally; AWS itself takes virtual-hosted style).
/// </summary>
public static class S3ClientFactory
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_S3";

    public static IAmazonS3 Create() => new AmazonS3Client(Configure(new AmazonS3Config
    {
        ForcePathStyle = Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 },
    }));

    /// <summary>
    /// Settings every S3 client here shares: checksums only where S3 requires them. The SDK's default sends
    /// uploads as aws-chunked bodies with a CRC trailer, which s3rver stores verbatim; plain signed bodies work
    /// the same on AWS.
    /// </summary>
    public static AmazonS3Config Configure(AmazonS3Config config)
    {
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        return config;
    }

    /// <summary>A client for functions built without storage (tests, route descriptions): signs, never connects.</summary>
    public static IAmazonS3 Unset() => new AmazonS3Client(
        new BasicAWSCredentials("unset", "unset"),
        new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
