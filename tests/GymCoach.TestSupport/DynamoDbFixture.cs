using Amazon.DynamoDBv2;
using GymCoach.LocalInfra;
using Xunit;

namespace GymCoach.TestSupport;

/// <summary>
/// One DynamoDB Local per test assembly (starting the JVM costs seconds); every test class makes its own
/// table from serverless.template, so tests never see each other's data.
/// </summary>
public sealed class DynamoDbFixture : IAsyncLifetime
{
    private DynamoDbLocal? _server;

    public DynamoDbLocal Server => _server ?? throw new InvalidOperationException("DynamoDB Local is not started.");

    public AmazonDynamoDBClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await DynamoDbLocal.StartAsync();
        Client = _server.CreateClient();
    }

    /// <summary>
    /// Creates a fresh table as the template declares it; returns its name. Its stream only when a test reads it
    /// (<paramref name="stream"/>): DynamoDB Local's writes slow down with every stream record the process keeps
    /// (see <see cref="TableProvisioner.CreateAsync"/>), which made a test assembly's later tests many times slower.
    /// </summary>
    public async Task<string> CreateTableAsync(bool stream = false)
    {
        var name = "gymcoach-test-" + Guid.NewGuid().ToString("N")[..10];
        var template = TemplateModel.Load();
        await TableProvisioner.CreateAsync(Client, template.Tables.Single(), name, withStream: stream);
        return name;
    }

    /// <summary>A client whose requests pass through <paramref name="faults"/>; SDK retries off unless asked.</summary>
    public AmazonDynamoDBClient CreateFaultyClient(FaultInjectingHandler faults, int maxErrorRetry = 0, TimeSpan? timeout = null) =>
        new(DynamoDbLocal.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = Server.Endpoint,
            AuthenticationRegion = DynamoDbLocal.Region,
            MaxErrorRetry = maxErrorRetry,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            HttpClientFactory = faults.ClientFactory(),
        });

    /// <summary>A client whose requests report the capacity they consume into <paramref name="meter"/>.</summary>
    public AmazonDynamoDBClient CreateMeteredClient(CapacityMeter meter) =>
        new(DynamoDbLocal.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = Server.Endpoint,
            AuthenticationRegion = DynamoDbLocal.Region,
            MaxErrorRetry = 0,
            HttpClientFactory = meter.ClientFactory(),
        });

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
