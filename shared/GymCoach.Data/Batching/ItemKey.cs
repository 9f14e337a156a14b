using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Batching;

/// <summary>
/// A table key (PK, SK) as a value: what batches deduplicate on and results are looked up by.
/// </summary>
public readonly record struct ItemKey(string PartitionKey, string SortKey)
{
    public Dictionary<string, AttributeValue> ToAttributes() => new()
    {
        [Keys.PartitionKey] = Attributes.S(PartitionKey),
        [Keys.SortKey] = Attributes.S(SortKey),
    };

    public static ItemKey From(Dictionary<string, AttributeValue> item) =>
        new(item.GetRequiredString(Keys.PartitionKey), item.GetRequiredString(Keys.SortKey));

    public override string ToString() => $"{PartitionKey}|{SortKey}";
}
