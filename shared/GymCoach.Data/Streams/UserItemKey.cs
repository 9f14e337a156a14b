namespace GymCoach.Data.Streams;

/// <summary>A stream record's item as a user's: the user and the item's sort key. Keys are parsed here once for every consumer.</summary>
public sealed record UserItemKey(string UserId, string SortKey)
{
    /// <summary>
    /// The user item <paramref name="record"/> changed; null for an item outside the users' partitions (the
    /// library's, a rate-limit window's). A user partition with no user in it cannot be applied: a poison record.
    /// </summary>
    public static UserItemKey? Of(StreamRecord record)
    {
        var partition = record.Keys.GetString(Keys.PartitionKey);
        var sortKey = record.Keys.GetString(Keys.SortKey);
        if (partition is null || sortKey is null || !partition.StartsWith(Keys.UserPartitionPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return Keys.IsUserPartition(partition)
            ? new UserItemKey(partition[Keys.UserPartitionPrefix.Length..], sortKey)
            : throw new FormatException($"Record {record.EventId} is in partition '{partition}', which has no user.");
    }
}
