using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Jobs;

/// <summary>
/// One kind of account job (export, recompute, the coming import) as <see cref="AccountJobStore{TJob}"/> stores it:
/// its key, its item both ways, and what the job gate needs of it. The item carries <see cref="JobItem.Status"/> and
/// <see cref="JobItem.Segment"/> as attributes (the stream filter and the segment protocol read them), and a claim
/// sets those and <see cref="JobItem.StartedAt"/>/<see cref="JobItem.UpdatedAt"/> on the item directly: what the
/// mapper reads back must take them from the attributes.
/// </summary>
public interface IJobMapper<TJob>
{
    /// <summary>The job's sort key in its user's partition.</summary>
    string SortKey(string jobId);

    string IdOf(TJob job);

    long SegmentOf(TJob job);

    /// <summary>The whole item, keys included (<paramref name="key"/>), with the status and segment attributes.</summary>
    Dictionary<string, AttributeValue> ToItem(Dictionary<string, AttributeValue> key, TJob job);

    TJob FromItem(Dictionary<string, AttributeValue> item);

    /// <summary>What the job gate needs: its last sign of life, whether it is active, when it completed.</summary>
    JobSnapshot Snapshot(TJob job);
}
