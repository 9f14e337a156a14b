using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Jobs;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>The one repository of export jobs (<c>EXPORT#id</c>, time-sortable ids, kept a week by TTL): the shared job store over <see cref="ExportJobMapper"/>.</summary>
public sealed class ExportJobRepository(IAmazonDynamoDB client, string table) : AccountJobStore<ExportJob>(client, table, ExportJobMapper.Instance)
{
    public const string Entity = EntityTypes.ExportJob;
}

/// <summary>Item ↔ <see cref="ExportJob"/>: its upload, its parts, where it stopped, its counts.</summary>
public sealed class ExportJobMapper : IJobMapper<ExportJob>
{
    public static readonly ExportJobMapper Instance = new();

    public string SortKey(string jobId) => Keys.Export(jobId);

    public string IdOf(ExportJob job) => job.Id;

    public long SegmentOf(ExportJob job) => job.Segment;

    /// <summary>
    /// A failed export starts no cooldown (its failure is ours). Its sign of life is its request (an export of the
    /// largest account takes minutes, far below the stale limit).
    /// </summary>
    public JobSnapshot Snapshot(ExportJob job) => new(job.Id, job.RequestedAt, job.IsActive, job.Status == ExportJob.Completed ? job.CompletedAt : null);

    public Dictionary<string, AttributeValue> ToItem(Dictionary<string, AttributeValue> key, ExportJob job)
    {
        var item = new Dictionary<string, AttributeValue>(key)
        {
            [Keys.EntityType] = Attributes.S(ExportJobRepository.Entity),
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

    public ExportJob FromItem(Dictionary<string, AttributeValue> item) => new(
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
