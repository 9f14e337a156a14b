using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Data;

/// <summary>The one repository of recompute jobs (<c>ANALYTICS#JOB#id</c>, time-sortable ids, kept a week).</summary>
public sealed class JobStore
{
    public const string Entity = "AnalyticsJob";

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public JobStore(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    public async Task<RecomputeJob> CreateAsync(string userId, RecomputeJob job, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsJob(job.Id), Entity, job, AnalyticsJsonContext.Default.RecomputeJob);
        item["status"] = Attributes.S(job.Status);
        item[Keys.TimeToLive] = Attributes.N(Timestamps.Parse(job.RequestedAt).Add(RecomputeJob.Retention).ToUnixTimeSeconds());
        var stored = await ItemCreator.PutNewAsync(_client, _table, item, record, cancellationToken).ConfigureAwait(false);
        return AnalyticsItems.Read(stored, AnalyticsJsonContext.Default.RecomputeJob);
    }

    public async Task<RecomputeJob?> GetAsync(string userId, string jobId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = AnalyticsItems.Key(userId, Keys.AnalyticsJob(jobId)), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? AnalyticsItems.Read(item, AnalyticsJsonContext.Default.RecomputeJob) : null;
    }

    /// <summary>The newest job, if any (to answer a repeated request with the one already queued).</summary>
    public async Task<RecomputeJob?> LatestAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.AnalyticsJobPrefix) },
                ScanIndexForward = false,
                Limit = 1,
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Items?.FirstOrDefault() is { } item ? AnalyticsItems.Read(item, AnalyticsJsonContext.Default.RecomputeJob) : null;
    }

    /// <summary>Stores the job's new state (only while the job exists).</summary>
    public async Task SaveAsync(string userId, RecomputeJob job, CancellationToken cancellationToken)
    {
        await FencedWrites.UpdateItemAsync(
            _client,
            new UpdateItemRequest
            {
                TableName = _table,
                Key = AnalyticsItems.Key(userId, Keys.AnalyticsJob(job.Id)),
                UpdateExpression = "SET #data = :data, #status = :status",
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#data"] = AnalyticsItems.DataAttribute, ["#status"] = "status" },
                ExpressionAttributeValues = new()
                {
                    [":data"] = Attributes.S(System.Text.Json.JsonSerializer.Serialize(job, AnalyticsJsonContext.Default.RecomputeJob)),
                    [":status"] = Attributes.S(job.Status),
                },
            },
            cancellationToken).ConfigureAwait(false);
    }
}
