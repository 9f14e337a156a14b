using System.Text.Json;
using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Streams;
using GymCoach.Profiles.Jobs;
using GymCoach.Storage;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Jobs;

/// <summary>
/// Runs the jobs function as its stream would: one invocation per record naming the job, until the job asks for
/// no more (a segment that hands over writes the record of the next). Segments are made short on purpose.
/// </summary>
internal sealed class ProfileJobs
{
    private readonly DynamoDbStreamFunction _function;
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public ProfileJobs(DynamoDbFixture dynamo, string table, S3Fixture s3, JobSettings settings, CapturingLogger? log = null, TimeProvider? time = null)
        : this(dynamo.Client, table, s3.Files, settings, log, time)
    {
    }

    public ProfileJobs(IAmazonDynamoDB client, string table, FileStore files, JobSettings settings, CapturingLogger? log = null, TimeProvider? time = null)
    {
        _client = client;
        _table = table;
        _function = ProfilesFunction.CreateJobs(client, table, files, settings, time ?? TimeProvider.System, (log ?? new CapturingLogger()).Logger);
    }

    /// <summary>Settings for tests: ~50 ms segments, 16 KB parts, 50-item pages, a short settle.</summary>
    public static JobSettings Short(TimeSpan? settle = null) => new()
    {
        Reserve = Invocation - TimeSpan.FromMilliseconds(50),
        PartSize = 16 * 1024,
        PageSize = 50,
        Settle = settle ?? TimeSpan.FromMilliseconds(300),
    };

    public static readonly TimeSpan Invocation = TimeSpan.FromSeconds(30);

    /// <summary>Invokes for the job at <paramref name="sortKey"/> until it stops asking; how many invocations that took.</summary>
    public async Task<int> RunAsync(string userId, string sortKey, int maxInvocations = 500)
    {
        for (var i = 1; i <= maxInvocations; i++)
        {
            var response = await FunctionInvoker.InvokeAsync(_function, StreamEvents.Keys([(userId, sortKey)], "MODIFY", i), Invocation);
            Assert.Equal(0, JsonDocument.Parse(response).RootElement.GetProperty("batchItemFailures").GetArrayLength());
            var item = (await StoredItems.QueryAsync(_client, _table, userId, sortKey)).SingleOrDefault(x => x[Keys.SortKey].S == sortKey);
            if (item is null || item["status"].S is not ("queued" or "continuing"))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The job {sortKey} still asked for work after {maxInvocations} invocations.");
    }
}
