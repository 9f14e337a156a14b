using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Data;

/// <summary>What the export and deletion items share beyond the job store's segment protocol (<see cref="GymCoach.Data.Jobs.JobItem"/>): the request counters.</summary>
internal static class JobAttributes
{
    public const string Segment = GymCoach.Data.Jobs.JobItem.Segment;
    public const string Status = GymCoach.Data.Jobs.JobItem.Status;

    public static void WriteRequests(Dictionary<string, AttributeValue> item, JobRequests requests)
    {
        item["requestsDynamoDb"] = Attributes.N(requests.DynamoDb);
        item["requestsS3"] = Attributes.N(requests.S3);
    }

    public static JobRequests ReadRequests(Dictionary<string, AttributeValue> item) =>
        new(item.GetLong("requestsDynamoDb") ?? 0, item.GetLong("requestsS3") ?? 0);
}
