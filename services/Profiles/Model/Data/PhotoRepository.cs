using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>
/// Photo records live in the user's partition under <c>PHOTO#takenOn#id</c>: a date range is one Query, and a
/// pending record carries a TTL so an upload never made leaves nothing behind.
/// </summary>
public sealed class PhotoRepository
{
    public const string Entity = EntityTypes.Photo;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public PhotoRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>
    /// Stores a new pending record once, taking its place and bytes in the account's photo cap in the same
    /// transaction (behind the deletion fence, as every create); the one already stored under its id when an
    /// earlier attempt wrote it (counted once). A spent cap is a <see cref="Lambda.Errors.CollectionFullException"/>.
    /// </summary>
    public async Task<Photo> AddAsync(string userId, Photo photo, string objectKey, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>(Key(userId, photo.TakenOn, photo.Id))
        {
            [Keys.EntityType] = Attributes.S(Entity),
            ["id"] = Attributes.S(photo.Id),
            ["takenOn"] = Attributes.S(Timestamps.ToApi(photo.TakenOn)),
            ["contentType"] = Attributes.S(photo.ContentType),
            ["sizeBytes"] = Attributes.N(photo.SizeBytes),
            ["objectKey"] = Attributes.S(objectKey),
            ["state"] = Attributes.S(photo.State),
            ["createdAt"] = Attributes.S(Timestamps.ToApi(photo.CreatedAt)),
            ["uploadExpiresAt"] = Attributes.S(Timestamps.ToApi(photo.UploadExpiresAt)),
            [Keys.TimeToLive] = Attributes.N(photo.UploadExpiresAt.Add(PhotoRules.PendingRetention).ToUnixTimeSeconds()),
        };
        var (stored, _) = await ItemCreator.PutNewAsync(_client, _table, item, null, CollectionCaps.Photos.Sized(photo.SizeBytes), userId, cancellationToken).ConfigureAwait(false);
        return FromItem(stored);
    }

    public async Task<Photo?> GetAsync(string userId, DateOnly takenOn, string photoId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, takenOn, photoId), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<(IReadOnlyList<Photo> Items, Dictionary<string, AttributeValue>? LastKey)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var (found, lastKey) = await RangePages.NewestFirstAsync(
            _client, _table, Keys.User(userId), from is { } f ? Keys.PhotoFrom(f) : Keys.PhotoPrefix, to is { } t ? Keys.PhotoTo(t) : Keys.PhotoPrefix + "~", limit, startKey, cancellationToken).ConfigureAwait(false);
        return (found.Select(FromItem).ToList(), lastKey);
    }

    /// <summary>When the last upload that may still be under way at <paramref name="now"/> (its URL unexpired, or expired within the grace) closes its window (null when none): what an account deletion must outwait.</summary>
    public async Task<DateTimeOffset?> LatestOpenUploadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                    FilterExpression = "#state = :pending AND uploadExpiresAt > :since",
                    ProjectionExpression = "uploadExpiresAt",
                    ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey, ["#state"] = "state" },
                    ExpressionAttributeValues = new()
                    {
                        [":pk"] = Attributes.S(Keys.User(userId)),
                        [":prefix"] = Attributes.S(Keys.PhotoPrefix),
                        [":pending"] = Attributes.S(Photo.Pending),
                        [":since"] = Attributes.S(Timestamps.ToApi(now - PhotoService.UploadGrace)),
                    },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                var closes = Timestamps.Parse(item.GetRequiredString("uploadExpiresAt"));
                latest = latest is { } l && l > closes ? l : closes;
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return latest;
    }

    /// <summary>Marks a pending photo ready (and keeps it: the TTL goes). False when it was not pending any more.</summary>
    public async Task<bool> MarkReadyAsync(string userId, Photo photo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await FencedWrites.UpdateItemAsync(
                _client,
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(userId, photo.TakenOn, photo.Id),
                    UpdateExpression = "SET #state = :ready, readyAt = :now REMOVE #ttl",
                    ConditionExpression = "#state = :pending",
                    ExpressionAttributeNames = new() { ["#state"] = "state", ["#ttl"] = Keys.TimeToLive },
                    ExpressionAttributeValues = new()
                    {
                        [":ready"] = Attributes.S(Photo.Ready),
                        [":pending"] = Attributes.S(Photo.Pending),
                        [":now"] = Attributes.S(Timestamps.ToApi(now)),
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Deletes the record and gives its place and bytes back, in one transaction; a record already gone gives nothing back.</summary>
    public async Task DeleteAsync(string userId, Photo photo, CancellationToken cancellationToken)
    {
        var delete = new TransactWriteItem
        {
            Delete = new Delete
            {
                TableName = _table,
                Key = Key(userId, photo.TakenOn, photo.Id),
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
            },
        };
        await Transaction.WriteAsync(_client, [delete, CollectionCaps.Photos.Sized(photo.SizeBytes).Release(_table, userId)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How often an account's photos may be recounted: a refused create between two recounts is just refused.</summary>
    public static readonly TimeSpan RecountInterval = TimeSpan.FromMinutes(10);

    /// <summary>Abandoned uploads one recount removes at most (eight at a time), so it fits well inside a request.</summary>
    public const int MaxRemovedPerRecount = 200;

    /// <summary>
    /// Makes room the counter does not know of: removes (and gives back) pending uploads whose window closed long
    /// ago, then sets the counter to what the account's records hold, only if no create or delete moved it
    /// meanwhile (the TTL removes abandoned uploads without telling it). At most once per
    /// <see cref="RecountInterval"/>; true when the counter changed.
    /// </summary>
    public async Task<bool> RecountAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cap = CollectionCaps.Photos;
        var counterKey = new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.User(userId)), [Keys.SortKey] = Attributes.S(Keys.Count(cap.Name)) };
        var counter = (await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = counterKey, ConsistentRead = true }, cancellationToken).ConfigureAwait(false)).Item;
        if (counter?.GetString(CollectionCap.RecountedAtAttribute) is { } last && Timestamps.Parse(last) > now - RecountInterval)
        {
            return false;
        }

        var abandoned = now - PhotoService.UploadGrace;
        var expired = (await AllAsync(userId, cancellationToken).ConfigureAwait(false)).Where(p => p.State == Photo.Pending && p.UploadExpiresAt < abandoned).Take(MaxRemovedPerRecount).ToList();
        await Parallel.ForEachAsync(expired, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (photo, ct) =>
        {
            // Only while still pending: an upload confirmed meanwhile stays. Its place and bytes go back with it.
            var delete = new TransactWriteItem
            {
                Delete = new Delete
                {
                    TableName = _table,
                    Key = Key(userId, photo.TakenOn, photo.Id),
                    ConditionExpression = "#state = :pending",
                    ExpressionAttributeNames = new() { ["#state"] = "state" },
                    ExpressionAttributeValues = new() { [":pending"] = Attributes.S(Photo.Pending) },
                },
            };
            await Transaction.WriteAsync(_client, [delete, cap.Sized(photo.SizeBytes).Release(_table, userId)], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var seen = await cap.ReadAsync(_client, _table, userId, cancellationToken).ConfigureAwait(false);
        var remaining = await AllAsync(userId, cancellationToken).ConfigureAwait(false);
        long count = remaining.Count, bytes = remaining.Sum(p => p.SizeBytes);
        var recount = cap.Recount(_table, userId, seen, count, bytes, Timestamps.ToApi(now));
        var changed = expired.Count > 0 || seen is not { } s || s.Count != count || s.Bytes != bytes;
        return await Transaction.WriteAsync(_client, [recount], cancellationToken).ConfigureAwait(false) is null && changed;
    }

    /// <summary>Every photo record of the account (a recount's read: at most the cap's worth).</summary>
    private async Task<List<Photo>> AllAsync(string userId, CancellationToken cancellationToken) =>
        (await QueryPages.PrefixAsync(_client, _table, userId, Keys.PhotoPrefix, cancellationToken).ConfigureAwait(false)).Select(FromItem).ToList();

    public static Photo FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredDate("takenOn"),
        item.GetRequiredString("contentType"),
        item.GetLong("sizeBytes") ?? 0,
        item.GetRequiredString("state"),
        Timestamps.Parse(item.GetRequiredString("createdAt")),
        Timestamps.Parse(item.GetRequiredString("uploadExpiresAt")));

    private static Dictionary<string, AttributeValue> Key(string userId, DateOnly takenOn, string photoId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Photo(takenOn, photoId)),
    };
}
