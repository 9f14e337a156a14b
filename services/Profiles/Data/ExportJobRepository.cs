using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Jobs;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>The one repository of export jobs (<c>EXPORT#id</c>, time-sortable ids, kept a week by TTL).</summary>
public sealed class ExportJobRepository
{
    public const string Entity = EntityTypes.ExportJob;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public ExportJobRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>The transaction item that puts a new job (only if its key is free); the job gate writes it with its own.</summary>
    public TransactWriteItem NewJob(string userId, ExportJob job) => ItemCreator.NewItem(_table, ToItem(userId, job));

    public async Task<ExportJob?> GetAsync(string userId, string exportId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, exportId), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <summary>
    /// What the job gate needs of a job: a failed export starts no cooldown (its failure is ours). Its sign of life
    /// is its request (an export of the largest account takes minutes, far below the stale limit).
    /// </summary>
    public async Task<JobSnapshot?> SnapshotAsync(string userId, string exportId, CancellationToken cancellationToken) =>
        await GetAsync(userId, exportId, cancellationToken).ConfigureAwait(false) is { } job
            ? new JobSnapshot(job.Id, job.RequestedAt, job.IsActive, job.Status == ExportJob.Completed ? job.CompletedAt : null)
            : null;

    /// <summary>Takes the next segment (see <see cref="JobAttributes.Claim"/>); null when it is not this caller's to run.</summary>
    public async Task<ExportJob?> ClaimAsync(string userId, ExportJob job, CancellationToken cancellationToken)
    {
        try
        {
            var stored = FromItem((await FencedWrites.UpdateItemAsync(_client, JobAttributes.Claim(_table, Key(userId, job.Id), job.Segment), cancellationToken).ConfigureAwait(false))!);

            // Read back after the claim: another claim may have followed it in between, and the segment is then theirs.
            return stored.Segment == job.Segment + 1 ? stored : null;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Stores the job's state while this caller still owns its segment; false when it does not any more (or the job was deleted).</summary>
    public async Task<bool> SaveAsync(string userId, ExportJob job, CancellationToken cancellationToken)
    {
        var (condition, names, values) = JobAttributes.OwnsSegment(job.Segment);
        try
        {
            await FencedWrites.PutItemAsync(
                _client,
                new PutItemRequest { TableName = _table, Item = ToItem(userId, job), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string exportId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Export(exportId)),
    };

    private static Dictionary<string, AttributeValue> ToItem(string userId, ExportJob job)
    {
        var item = new Dictionary<string, AttributeValue>(Key(userId, job.Id))
        {
            [Keys.EntityType] = Attributes.S(Entity),
            ["id"] = Attributes.S(job.Id),
            [JobAttributes.Status] = Attributes.S(job.Status),
            ["requestedAt"] = Attributes.S(Timestamps.ToApi(job.RequestedAt)),
            [JobAttributes.Segment] = Attributes.N(job.Segment),
            ["parts"] = new AttributeValue
            {
                L = job.Parts.Select(p => new AttributeValue { M = new() { ["n"] = Attributes.N(p.Number), ["etag"] = Attributes.S(p.ETag) } }).ToList(),
            },
            ["items"] = Attributes.N(job.Items),
            ["bytes"] = Attributes.N(job.Bytes),
            [Keys.TimeToLive] = Attributes.N(job.RequestedAt.Add(ExportJob.Retention).ToUnixTimeSeconds()),
        };
        JobAttributes.WriteRequests(item, job.Requests);
        item.SetIfNotNull("uploadId", job.UploadId is { } u ? Attributes.S(u) : null);
        item.SetIfNotNull("cursor", job.Cursor is { } c ? Attributes.S(c) : null);
        item.SetIfNotNull("openDomain", job.OpenDomain is { } d ? Attributes.S(d) : null);
        item.SetIfNotNull("completedAt", job.CompletedAt is { } at ? Attributes.S(Timestamps.ToApi(at)) : null);
        item.SetIfNotNull("error", job.Error is { } e ? Attributes.S(e) : null);
        return item;
    }

    private static ExportJob FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString(JobAttributes.Status),
        Timestamps.Parse(item.GetRequiredString("requestedAt")),
        item.GetLong(JobAttributes.Segment) ?? 0,
        item.GetString("uploadId"),
        item.TryGetValue("parts", out var parts) && parts.L is { } list
            ? list.Select(p => new ExportPart((int)(p.M.GetLong("n") ?? 0), p.M.GetRequiredString("etag"))).ToList()
            : [],
        item.GetString("cursor"),
        item.GetString("openDomain"),
        item.GetLong("items") ?? 0,
        item.GetLong("bytes") ?? 0,
        JobAttributes.ReadRequests(item),
        item.GetString("completedAt") is { } at ? Timestamps.Parse(at) : null,
        item.GetString("error"));
}
