using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Jobs;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Data;

/// <summary>
/// The one repository of recompute jobs (<c>ANALYTICS#JOB#id</c>, time-sortable ids, kept a week). The job is
/// stored whole as JSON, with its status and segment beside it for the stream filter and the conditions.
/// </summary>
public sealed class JobStore
{
    public const string Entity = EntityTypes.AnalyticsJob;
    private const string StatusAttribute = "status";
    private const string SegmentAttribute = "segment";

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public JobStore(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>The transaction item that puts a new job (only if its key is free); the job gate writes it with its own.</summary>
    public TransactWriteItem NewJob(string userId, RecomputeJob job) => ItemCreator.NewItem(_table, ToItem(userId, job));

    public async Task<RecomputeJob?> GetAsync(string userId, string jobId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = AnalyticsItems.Key(userId, Keys.AnalyticsJob(jobId)), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? AnalyticsItems.Read(item, AnalyticsJsonContext.Default.RecomputeJob) : null;
    }

    /// <summary>What the job gate needs of a job.</summary>
    public async Task<JobSnapshot?> SnapshotAsync(string userId, string jobId, CancellationToken cancellationToken) =>
        await GetAsync(userId, jobId, cancellationToken).ConfigureAwait(false) is { } job
            ? new JobSnapshot(job.Id, Timestamps.Parse(job.UpdatedAt ?? job.RequestedAt), job.IsActive, job.Status == RecomputeJob.Done && job.FinishedAt is { } at ? Timestamps.Parse(at) : null)
            : null;

    /// <summary>
    /// Takes the job's next segment: stores it running with the segment bumped, only if the segment is still the
    /// one read and the job still active. The claimed job, or null when another invocation got there first (a
    /// redelivered record) or the job is done.
    /// </summary>
    public async Task<RecomputeJob?> ClaimAsync(string userId, RecomputeJob job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = job with { Status = RecomputeJob.Running, Segment = job.Segment + 1, StartedAt = job.StartedAt ?? Timestamps.ToApi(now), UpdatedAt = Timestamps.ToApi(now) };
        return await PutIfOwnedAsync(userId, claimed, job.Segment, activeOnly: true, cancellationToken).ConfigureAwait(false) ? claimed : null;
    }

    /// <summary>Stores the job's new state while its segment is still the caller's; false when it is not any more (or the job expired).</summary>
    public Task<bool> SaveAsync(string userId, RecomputeJob job, CancellationToken cancellationToken) =>
        PutIfOwnedAsync(userId, job, job.Segment, activeOnly: false, cancellationToken);

    private async Task<bool> PutIfOwnedAsync(string userId, RecomputeJob job, long segment, bool activeOnly, CancellationToken cancellationToken)
    {
        // Jobs stored before segments existed carry no segment: they count as segment 0.
        var condition = segment == 0 ? "(attribute_not_exists(#segment) OR #segment = :segment)" : "#segment = :segment";
        var values = new Dictionary<string, AttributeValue> { [":segment"] = Attributes.N(segment) };
        if (activeOnly)
        {
            condition += " AND #status IN (:queued, :running, :continuing)";
            values[":queued"] = Attributes.S(RecomputeJob.Queued);
            values[":running"] = Attributes.S(RecomputeJob.Running);
            values[":continuing"] = Attributes.S(RecomputeJob.Continuing);
        }

        try
        {
            await FencedWrites.PutItemAsync(
                _client,
                new PutItemRequest
                {
                    TableName = _table,
                    Item = ToItem(userId, job),
                    ConditionExpression = condition,
                    ExpressionAttributeNames = activeOnly
                        ? new() { ["#segment"] = SegmentAttribute, ["#status"] = StatusAttribute }
                        : new() { ["#segment"] = SegmentAttribute },
                    ExpressionAttributeValues = values,
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> ToItem(string userId, RecomputeJob job)
    {
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsJob(job.Id), Entity, job, AnalyticsJsonContext.Default.RecomputeJob);
        item[StatusAttribute] = Attributes.S(job.Status);
        item[SegmentAttribute] = Attributes.N(job.Segment);
        item[Keys.TimeToLive] = Attributes.N(Timestamps.Parse(job.RequestedAt).Add(RecomputeJob.Retention).ToUnixTimeSeconds());
        return item;
    }
}
