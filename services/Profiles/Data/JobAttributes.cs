using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Data;

/// <summary>What the two job repositories share: the request counters and the "I still own this segment" condition.</summary>
internal static class JobAttributes
{
    public const string Segment = "segment";
    public const string Status = "status";

    public static void WriteRequests(Dictionary<string, AttributeValue> item, JobRequests requests)
    {
        item["requestsDynamoDb"] = Attributes.N(requests.DynamoDb);
        item["requestsS3"] = Attributes.N(requests.S3);
    }

    public static JobRequests ReadRequests(Dictionary<string, AttributeValue> item) =>
        new(item.GetLong("requestsDynamoDb") ?? 0, item.GetLong("requestsS3") ?? 0);

    /// <summary>A conditional write that lands only while segment <paramref name="segment"/> is still the job's (nobody claimed the next).</summary>
    public static (string Condition, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) OwnsSegment(long segment) =>
        ("#segment = :segment", new() { ["#segment"] = Segment }, new() { [":segment"] = Attributes.N(segment) });

    /// <summary>
    /// Claims the next segment of a job in any active state: status running, segment + 1, only if the segment is
    /// still the one read. The claimed item, or null when another invocation got there first (or the job ended).
    /// </summary>
    public static UpdateItemRequest Claim(string table, Dictionary<string, AttributeValue> key, long seen) => new()
    {
        TableName = table,
        Key = key,
        UpdateExpression = "SET #status = :running, #segment = :next",
        ConditionExpression = "#segment = :seen AND #status IN (:queued, :continuing, :running)",
        ExpressionAttributeNames = new() { ["#status"] = Status, ["#segment"] = Segment },
        ExpressionAttributeValues = new()
        {
            [":running"] = Attributes.S(ExportJob.Running),
            [":queued"] = Attributes.S(ExportJob.Queued),
            [":continuing"] = Attributes.S(ExportJob.Continuing),
            [":next"] = Attributes.N(seen + 1),
            [":seen"] = Attributes.N(seen),
        },
        ReturnValues = ReturnValue.ALL_NEW,
    };
}
