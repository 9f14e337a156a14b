using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Text;

namespace GymCoach.Data.Jobs;

/// <summary>
/// What every account job's item has, whatever else it holds: a status the stream filters of the job mappings
/// match on, and a segment number that says which invocation owns the job now. The segment protocol is here once:
/// a claim bumps the segment only if it is still the one read, and a save lands only while the segment is the
/// saver's, so two invocations can never run one job at once or overwrite each other's progress.
/// </summary>
public static class JobItem
{
    public const string Status = "status";
    public const string Segment = "segment";
    public const string StartedAt = "startedAt";
    public const string UpdatedAt = "updatedAt";

    /// <summary>Queued by the API, not started yet.</summary>
    public const string Queued = "queued";

    /// <summary>A segment owns it.</summary>
    public const string Running = "running";

    /// <summary>Handed over by a segment near its deadline: the stream record of this write starts the next segment.</summary>
    public const string Continuing = "continuing";

    /// <summary>
    /// Claims the next segment of a job in any active state: status running, segment + 1, the time of the claim
    /// (and of the first one), only if the segment is still <paramref name="seen"/>. Returns the item as claimed.
    /// </summary>
    public static UpdateItemRequest Claim(string table, Dictionary<string, AttributeValue> key, long seen, DateTimeOffset now) => new()
    {
        TableName = table,
        Key = key,
        UpdateExpression = "SET #status = :running, #segment = :next, #updatedAt = :now, #startedAt = if_not_exists(#startedAt, :now)",
        // Jobs stored before segments existed carry none: they are at segment 0.
        ConditionExpression = (seen == 0 ? "(attribute_not_exists(#segment) OR #segment = :seen)" : "#segment = :seen") + " AND #status IN (:queued, :continuing, :running)",
        ExpressionAttributeNames = new() { ["#status"] = Status, ["#segment"] = Segment, ["#updatedAt"] = UpdatedAt, ["#startedAt"] = StartedAt },
        ExpressionAttributeValues = new()
        {
            [":running"] = Attributes.S(Running),
            [":queued"] = Attributes.S(Queued),
            [":continuing"] = Attributes.S(Continuing),
            [":next"] = Attributes.N(seen + 1),
            [":seen"] = Attributes.N(seen),
            [":now"] = Attributes.S(Timestamps.ToApi(now)),
        },
        ReturnValues = ReturnValue.ALL_NEW,
    };

    /// <summary>A condition that holds only while segment <paramref name="segment"/> is still the job's (nobody claimed the next).</summary>
    /// <remarks>At segment 0 an item of before segments (none stored) is also the caller's, but only if it exists: a save must never recreate a job deleted meanwhile.</remarks>
    public static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) OwnsSegment(long segment) =>
        segment == 0
            ? ("(attribute_exists(#pk) AND attribute_not_exists(#segment)) OR #segment = :segment",
                new() { ["#segment"] = Segment, ["#pk"] = Keys.PartitionKey },
                new() { [":segment"] = Attributes.N(segment) })
            : ("#segment = :segment", new() { ["#segment"] = Segment }, new() { [":segment"] = Attributes.N(segment) });
}
