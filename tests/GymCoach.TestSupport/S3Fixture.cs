using GymCoach.LocalInfra;
using GymCoach.Storage;
using Xunit;

namespace GymCoach.TestSupport;

/// <summary>One s3rver (behind its verifying gate) for a test collection that needs S3, with the media bucket; each test uses its own users.</summary>
public sealed class S3Fixture : IAsyncLifetime
{
    public const string Bucket = "gymcoach-test-media";

    public S3rverServer Server { get; private set; } = null!;

    public Amazon.S3.AmazonS3Client Client { get; private set; } = null!;

    public FileStore Files => new(Client, Bucket);

    public async Task InitializeAsync()
    {
        Server = await S3rverServer.StartAsync(Path.Combine(Path.GetTempPath(), "gymcoach-s3-" + Guid.NewGuid().ToString("N")[..8]), [Bucket]);
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A client of its own whose requests go through <paramref name="factory"/> (a recorder, say).</summary>
    public Amazon.S3.AmazonS3Client CreateClient(Amazon.Runtime.HttpClientFactory factory) => new(
        new Amazon.Runtime.BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.AccessKey),
        GymCoach.Storage.S3ClientFactory.Configure(new Amazon.S3.AmazonS3Config
        {
            ServiceURL = Server.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = DynamoDbLocal.Region,
            HttpClientFactory = factory,
        }));

    /// <summary>Every key under <paramref name="prefix"/>.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        var response = await Client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = Bucket, Prefix = prefix });
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }
}
