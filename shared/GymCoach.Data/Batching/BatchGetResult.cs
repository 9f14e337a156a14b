using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Batching;

/// <summary>
/// Items found, keys that do not exist, and keys that could not be read within the retry budget. Nothing a
/// caller asked for is ever silently missing: every key is in exactly one of the three.
/// </summary>
public sealed class BatchGetResult
{
    public required IReadOnlyDictionary<ItemKey, Dictionary<string, AttributeValue>> Items { get; init; }

    public required IReadOnlyList<ItemKey> Missing { get; init; }

    public required IReadOnlyList<ItemKey> Failed { get; init; }

    public required BatchStatistics Statistics { get; init; }
}
