using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;

namespace GymCoach.LocalInfra;

/// <summary>
/// s3rver (npm), a real S3 HTTP endpoint on loopback, behind a <see cref="S3.SignatureGate"/> that checks
/// presigned URLs as S3 does (s3rver itself accepts any SigV4 signature). Clients must use path-style
/// addressing (<c>http://127.0.0.1:port/bucket/key</c>): there is no DNS for virtual-hosted buckets here.
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    /// <summary>The key pair s3rver knows (and the gate checks presigned URLs with).</summary>
    public const string AccessKey = "S3RVER";

    private readonly ChildProcess _process;
    private S3.SignatureGate? _gate;

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
        var backendPort = FreePort.Next();
        var arguments = new List<string>
        {
            Path.Combine(NpmServers.NodeModules, "s3rver", "bin", "s3rver.js"),
            "--directory", dataDirectory,
            "--address", "127.0.0.1",
            "--port", backendPort.ToString(CultureInfo.InvariantCulture),
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
            await FreePort.WaitUntilListeningAsync(backendPort, ChildProcess.StartDeadline, () => !process.HasExited).ConfigureAwait(false);
            server._gate = await S3.SignatureGate.StartAsync(chosenPort, backendPort, id => id == AccessKey ? AccessKey : null).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var output = process.Tail();
            await server.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"s3rver did not start: waited for it to listen on {backendPort} ({ex.Message}). Its last lines:\n{output}", ex);
        }

        return server;
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, AccessKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = DynamoDbLocal.Region,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async ValueTask DisposeAsync()
    {
        if (_gate is not null)
        {
            await _gate.DisposeAsync().ConfigureAwait(false);
        }

        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
