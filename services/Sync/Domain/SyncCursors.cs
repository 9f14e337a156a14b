using System.Globalization;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;

namespace GymCoach.Sync.Domain;

/// <summary>
/// Sync positions as cursors: signed and bound to the user like every cursor here, and good for 30 days (the
/// change log keeps 31). A position past its lifetime is a <see cref="SyncCursorExpiredException"/>, not a bad
/// cursor: the device did nothing wrong, it was away too long.
/// </summary>
public sealed class SyncCursors
{
    /// <summary>How long a sync position stays good.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private const string Query = "GET /sync";
    private const string HeadAttribute = "head";
    private const string EpochAttribute = "epoch";

    private readonly CursorCodec _codec;

    public SyncCursors(CursorCodec codec) => _codec = codec.WithLifetime(Lifetime);

    public string Encode(SyncPosition position, string userId)
    {
        var key = position switch
        {
            SyncPosition.Log log => new Dictionary<string, AttributeValue>
            {
                [Keys.SortKey] = Attributes.S(Keys.SyncLog(log.Sequence)),
                [EpochAttribute] = Attributes.S(log.Epoch),
            },
            SyncPosition.Snapshot { Head: { } head, Epoch: { } epoch, After: { } after } => new Dictionary<string, AttributeValue>
            {
                [Keys.SortKey] = Attributes.S(after),
                [HeadAttribute] = Attributes.N(head),
                [EpochAttribute] = Attributes.S(epoch),
            },
            _ => throw new ArgumentException("A snapshot's position names its head and the item it stopped after.", nameof(position)),
        };
        return _codec.Encode(key, userId, Query)!;
    }

    /// <summary>The position <paramref name="cursor"/> names; no cursor is a snapshot from the start.</summary>
    public SyncPosition Decode(string? cursor, string userId)
    {
        Dictionary<string, AttributeValue>? key;
        try
        {
            key = _codec.Decode(cursor, userId, Query, IsPosition);
        }
        catch (InvalidCursorException ex) when (ex.Expired)
        {
            throw new SyncCursorExpiredException();
        }

        if (key is null)
        {
            return new SyncPosition.Snapshot(null, null, null);
        }

        var sortKey = key[Keys.SortKey].S;
        var epoch = key[EpochAttribute].S;
        return key.TryGetValue(HeadAttribute, out var head)
            ? new SyncPosition.Snapshot(long.Parse(head.N, NumberStyles.None, CultureInfo.InvariantCulture), epoch, sortKey)
            : new SyncPosition.Log(Sequence(sortKey)!.Value, epoch);
    }

    private static bool IsPosition(Dictionary<string, AttributeValue> key) =>
        key.TryGetValue(Keys.SortKey, out var sortKey) && sortKey.S is { Length: > 0 } sort
        && key.TryGetValue(EpochAttribute, out var epoch) && epoch.S is { Length: > 0 }
        && (key.Count == 2
            ? Sequence(sort) is not null
            : key.Count == 3 && key.TryGetValue(HeadAttribute, out var head) && head.N is { } n && long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static long? Sequence(string sortKey) =>
        sortKey.StartsWith(Keys.SyncLogPrefix, StringComparison.Ordinal)
        && long.TryParse(sortKey.AsSpan(Keys.SyncLogPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : null;
}
