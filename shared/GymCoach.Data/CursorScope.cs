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
    private readonly string? _indexPartition;

    private CursorScope(string partition, string sortKeyPrefix, string? indexPartition = null)
    {
        _partition = partition;
        _sortKeyPrefix = sortKeyPrefix;
        _indexPartition = indexPartition;
    }

    /// <summary>A query of the table itself: <c>PK = partition AND begins_with(SK, prefix)</c> (or a range inside it).</summary>
    public static CursorScope Table(string partition, string sortKeyPrefix) => new(partition, sortKeyPrefix);

    /// <summary>
    /// A query of GSI1 partition <paramref name="indexPartition"/> whose items live in table partition
    /// <paramref name="partition"/> under <paramref name="sortKeyPrefix"/>: its <c>LastEvaluatedKey</c> has the
    /// index's keys and the table's.
    /// </summary>
    public static CursorScope Index(string indexPartition, string partition, string sortKeyPrefix) => new(partition, sortKeyPrefix, indexPartition);

    public bool Contains(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> key) =>
        key.Count == (_indexPartition is null ? 2 : 4)
        && key.TryGetValue(Keys.PartitionKey, out var pk) && pk.S == _partition
        && key.TryGetValue(Keys.SortKey, out var sk) && sk.S is { } sort && sort.StartsWith(_sortKeyPrefix, StringComparison.Ordinal)
        && (_indexPartition is null
            || (key.TryGetValue(Keys.Gsi1PartitionKey, out var ipk) && ipk.S == _indexPartition
                && key.TryGetValue(Keys.Gsi1SortKey, out var isk) && isk.S is { Length: > 0 }));
}
