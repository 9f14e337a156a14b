using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Streams;

/// <summary>What happened to an item, as a DynamoDB stream reports it.</summary>
public enum StreamEventName
{
    Insert,
    Modify,
    Remove,
}

/// <summary>
/// One change from a DynamoDB stream batch, its images already in the SDK's <see cref="AttributeValue"/> so the
/// same hand-written mappers that read GetItem results read stream images.
/// </summary>
public sealed record StreamRecord(
    string EventId,
    StreamEventName EventName,
    string SequenceNumber,
    DateTimeOffset? ApproximateCreationTime,
    Dictionary<string, AttributeValue> Keys,
    Dictionary<string, AttributeValue>? NewImage,
    Dictionary<string, AttributeValue>? OldImage,
    string? EventSourceArn);
