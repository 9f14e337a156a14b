using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data.Stored;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Contracts;
using GymCoach.Data.Jobs;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Data;

/// <summary>The one repository of recompute jobs (<c>ANALYTICS#JOB#id</c>, time-sortable ids, kept a week): the shared job store over <see cref="RecomputeJobMapper"/>.</summary>
public sealed class JobStore(IAmazonDynamoDB client, string table) : AccountJobStore<RecomputeJob>(client, table, RecomputeJobMapper.Instance)
{
    public const string Entity = EntityTypes.AnalyticsJob;
}

/// <summary>
/// Item ↔ <see cref="RecomputeJob"/>. The job is stored whole as JSON, with its status, segment and times beside it
/// as attributes: the stream filter and the segment protocol read those, and a claim sets them on the item directly,
/// so on reading they win over the JSON's copies.
/// </summary>
public sealed class RecomputeJobMapper : IJobMapper<RecomputeJob>
{
    public static readonly RecomputeJobMapper Instance = new();

    public string SortKey(string jobId) => Keys.AnalyticsJob(jobId);

    public string IdOf(RecomputeJob job) => job.Id;

    public long SegmentOf(RecomputeJob job) => job.Segment;

    /// <summary>A rebuild's sign of life is its last saved step; only a completed one starts the cooldown.</summary>
    public JobSnapshot Snapshot(RecomputeJob job) =>
        new(job.Id, Timestamps.Parse(job.UpdatedAt ?? job.RequestedAt), job.IsActive, job.Status == RecomputeJob.Done && job.FinishedAt is { } at ? Timestamps.Parse(at) : null);

    public Dictionary<string, AttributeValue> ToItem(Dictionary<string, AttributeValue> key, RecomputeJob job)
    {
        var item = new Dictionary<string, AttributeValue>(key)
        {
            [Keys.EntityType] = Attributes.S(JobStore.Entity),
            [AnalyticsItems.DataAttribute] = Attributes.S(System.Text.Json.JsonSerializer.Serialize(StoredRecomputeJob.From(job), AnalyticsStoreJsonContext.Default.StoredRecomputeJob)),
            [JobItem.Status] = Attributes.S(job.Status),
            [JobItem.Segment] = Attributes.N(job.Segment),
            [Keys.TimeToLive] = Attributes.N(Timestamps.Parse(job.RequestedAt).Add(RecomputeJob.Retention).ToUnixTimeSeconds()),
        };
        item.SetIfNotNull(JobItem.StartedAt, job.StartedAt is { } started ? Attributes.S(started) : null);
        item.SetIfNotNull(JobItem.UpdatedAt, job.UpdatedAt is { } updated ? Attributes.S(updated) : null);
        return item;
    }

    public RecomputeJob FromItem(Dictionary<string, AttributeValue> item)
    {
        var job = AnalyticsItems.Read(item, AnalyticsStoreJsonContext.Default.StoredRecomputeJob).ToDomain();
        return job with
        {
            Status = item.GetString(JobItem.Status) ?? job.Status,
            // Jobs stored before segments existed carry none: they are at segment 0.
            Segment = item.GetLong(JobItem.Segment) ?? 0,
            StartedAt = item.GetString(JobItem.StartedAt) ?? job.StartedAt,
            UpdatedAt = item.GetString(JobItem.UpdatedAt) ?? job.UpdatedAt,
        };
    }
}
