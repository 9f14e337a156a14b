namespace GymCoach.Data;

/// <summary>
/// Where a query's cursor may point: one partition, sort keys under one prefix, and exactly the key
/// attributes the query returns in <c>LastEvaluatedKey</c>. Checked on every decoded cursor, so even a
/// correctly signed one cannot move a query into another partition or another entity's keys.
/// </summary>
public sealed class CursorScope
{
    private readonly string _partition;
    private readonly string _sortKeyPrefix;

    private CursorScope(string partition, string sortKeyPrefix)
    {
        _partition = partition;
        _sortKeyPrefix = sortKeyPrefix;
    }

    /// <summary>A query of the table itself: <c>PK = partition AND begins_with(SK, prefix)</c> (or a range inside it).</summary>
    public static CursorScope Table(string partition, string sortKeyPrefix) => new(partition, sortKeyPrefix);

    public bool Contains(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> key) =>
        key.Count == 2
        && key.TryGetValue(Keys.PartitionKey, out var pk) && pk.S == _partition
        && key.TryGetValue(Keys.SortKey, out var sk) && sk.S is { } sort && sort.StartsWith(_sortKeyPrefix, StringComparison.Ordinal);
}
