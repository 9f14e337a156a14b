using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;

namespace GymCoach.LocalInfra;

/// <summary>
/// s3rver (npm), a real S3 HTTP endpoint on loopback. Clients must use path-style addressing
/// (<c>http://127.0.0.1:port/bucket/key</c>): there is no DNS for virtual-hosted buckets here.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private S3rverServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static async Task<S3rverServer> StartAsync(string dataDirectory, IEnumerable<string> buckets, int? port = null, CancellationToken cancellationToken = default)
    {
        await NpmServers.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(dataDirectory);
        var chosenPort = port ?? FreePort.Next();
        var arguments = new List<string>
        {
            Path.Combine(NpmServers.NodeModules, "s3rver", "bin", "s3rver.js"),
            "--directory", dataDirectory,
            "--address", "127.0.0.1",
            "--port", chosenPort.ToString(CultureInfo.InvariantCulture),
            "--silent",
            "--no-vhost-buckets",
            "--allow-mismatched-signatures",
        };
        foreach (var bucket in buckets)
        {
            arguments.Add("--configure-bucket");
            arguments.Add(bucket);
        }

        var process = ChildProcess.Start("s3rver", "node", arguments, RepoPaths.Servers);
        var server = new S3rverServer(process, chosenPort);
        try
        {
            await FreePort.WaitUntilListeningAsync(chosenPort, TimeSpan.FromSeconds(30), () => !process.HasExited).ConfigureAwait(false);
        }
        catch
        {
            var output = process.Output;
            await server.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"s3rver did not start:\n{output}");
        }

        return server;
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = DynamoDbLocal.Region,
    });

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
