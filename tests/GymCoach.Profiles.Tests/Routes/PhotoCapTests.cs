using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.TestSupport;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Tests.Routes;

/// <summary>The account's photo cap (count and bytes), kept in step with creates, deletes and the TTL; and a read racing a delete.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PhotoCapTests(DynamoDbFixture dynamo, S3Fixture s3)
{
    private const long TenMiB = 10L * 1024 * 1024;

    [Fact]
    public async Task AddPhoto_PastTheCountCap_Answers409CollectionFullAndStoresNothing()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await SeedPhotosAsync(api.Table, user, (int)CollectionCaps.Photos.Max, 1024);

        var refused = await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048));

        Assert.Equal(409, refused.Status);
        Assert.EndsWith("/collection-full", refused.Json.GetProperty("type").GetString());
        Assert.Contains("1000 photos", refused.Json.GetProperty("detail").GetString());
        Assert.Equal(CollectionCaps.Photos.Max, (await api.StoredItemsAsync(user, Keys.PhotoPrefix)).Count);
    }

    [Fact]
    public async Task AddPhoto_PastTheByteBudget_Answers409SayingTheBytes()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await SeedPhotosAsync(api.Table, user, 512, TenMiB); // 5 GiB exactly, far below 1,000 photos

        var refused = await api.SendAsync("POST", "/profiles/me/photos", user, Body(TenMiB));
        var small = await api.SendAsync("POST", "/profiles/me/photos", user, Body(1));

        Assert.Equal(409, refused.Status);
        Assert.Contains("5120 MiB of photos", refused.Json.GetProperty("detail").GetString());
        Assert.Equal(409, small.Status); // not one byte is left
        Assert.Equal(512, (await api.StoredItemsAsync(user, Keys.PhotoPrefix)).Count);
    }

    [Fact]
    public async Task AddPhoto_CounterFullOfUploadsTheTtlRemoved_RecountsAndAccepts()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await SeedPhotosAsync(api.Table, user, 3, 1024);

        // The counter says full, but only 3 records are left: the TTL removed abandoned uploads without telling it.
        await SetCounterAsync(api.Table, user, CollectionCaps.Photos.Max, 999 * 1024);
        var accepted = await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048));

        Assert.Equal(201, accepted.Status);
        Assert.Equal((4L, 3 * 1024 + 2048L), await CollectionCaps.Photos.ReadAsync(dynamo.Client, api.Table, user, default));
    }

    [Fact]
    public async Task AddPhoto_CapFullOfUploadsAbandonedLongAgo_RemovesThemAndAccepts()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await SeedPhotosAsync(api.Table, user, (int)CollectionCaps.Photos.Max, 1024, state: "pending");

        var accepted = await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048));
        var again = await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048));

        // One recount removes at most 200 of them (and gives their room back).
        var left = CollectionCaps.Photos.Max - GymCoach.Profiles.Data.PhotoRepository.MaxRemovedPerRecount;
        Assert.Equal(201, accepted.Status);
        Assert.Equal(201, again.Status);
        Assert.Equal(left + 2, (await api.StoredItemsAsync(user, Keys.PhotoPrefix)).Count);
        Assert.Equal((left + 2, (left * 1024) + 4096), await CollectionCaps.Photos.ReadAsync(dynamo.Client, api.Table, user, default));
    }

    [Fact]
    public async Task AddPhoto_RefusedTwiceWithinTheRecountInterval_CountsOnce()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await SeedPhotosAsync(api.Table, user, (int)CollectionCaps.Photos.Max, 1024);
        Assert.Equal(409, (await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048))).Status);

        // The TTL removes one record without telling the counter; the next refusal does not recount yet.
        var one = (await api.StoredItemsAsync(user, Keys.PhotoPrefix))[0];
        await dynamo.Client.DeleteItemAsync(api.Table, new() { [Keys.PartitionKey] = one[Keys.PartitionKey], [Keys.SortKey] = one[Keys.SortKey] });

        Assert.Equal(409, (await api.SendAsync("POST", "/profiles/me/photos", user, Body(2048))).Status);
        Assert.Equal((CollectionCaps.Photos.Max, CollectionCaps.Photos.Max * 1024), await CollectionCaps.Photos.ReadAsync(dynamo.Client, api.Table, user, default));
    }

    [Fact]
    public async Task DeletePhoto_GivesItsPlaceAndBytesBack()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var first = (await api.SendAsync("POST", "/profiles/me/photos", user, Body(3000))).Json.GetProperty("photo").GetProperty("id").GetString();
        await api.SendAsync("POST", "/profiles/me/photos", user, Body(500));
        Assert.Equal((2L, 3500L), await CollectionCaps.Photos.ReadAsync(dynamo.Client, api.Table, user, default));

        Assert.Equal(204, (await api.SendAsync("DELETE", "/profiles/me/photos/" + first, user)).Status);
        Assert.Equal(404, (await api.SendAsync("DELETE", "/profiles/me/photos/" + first, user)).Status);

        Assert.Equal((1L, 500L), await CollectionCaps.Photos.ReadAsync(dynamo.Client, api.Table, user, default));
    }

    [Fact]
    public async Task GetPhoto_DeletedBetweenItsUploadCheckAndMarkingItReady_Answers404NotReady()
    {
        string? table = null;
        string? victim = null;
        var deleted = 0;
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, body) =>
            {
                // A DELETE of the photo lands just as the read, having seen the object, marks the record ready.
                if (target == "TransactWriteItems" && victim is not null && body.Contains(victim, StringComparison.Ordinal) && body.Contains(":ready", StringComparison.Ordinal) && Interlocked.Exchange(ref deleted, 1) == 0)
                {
                    var record = dynamo.Client.QueryAsync(new QueryRequest
                    {
                        TableName = table,
                        KeyConditionExpression = "PK = :pk AND begins_with(SK, :sk)",
                        ExpressionAttributeValues = new() { [":pk"] = new AttributeValue(Keys.User(User)), [":sk"] = new AttributeValue(Keys.PhotoPrefix) },
                    }).GetAwaiter().GetResult().Items.Single();
                    dynamo.Client.DeleteItemAsync(table, new() { [Keys.PartitionKey] = record[Keys.PartitionKey], [Keys.SortKey] = record[Keys.SortKey] }).GetAwaiter().GetResult();
                }

                return false;
            },
        };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2);
        var api = await ProfilesApi.CreateAsync(dynamo, client: client, files: s3.Files);
        table = api.Table;
        var created = await api.SendAsync("POST", "/profiles/me/photos", User, Body(64));
        var id = created.Json.GetProperty("photo").GetProperty("id").GetString()!;
        await PresignedUpload.PutAsync(created.Json.GetProperty("upload"), new byte[64]);
        victim = id;

        var read = await api.SendAsync("GET", "/profiles/me/photos/" + id, User);

        Assert.Equal(1, deleted);
        Assert.Equal(404, read.Status);
    }

    private string User { get; } = "photo-cap-" + Guid.NewGuid().ToString("N")[..8];

    private static string NewUser() => "photo-cap-" + Guid.NewGuid().ToString("N")[..12];

    private static string Body(long size) => $$"""{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":{{size}}}""";

    /// <summary><paramref name="count"/> photo records of <paramref name="size"/> bytes each (ready, or uploads abandoned long ago), and the counter that counted them.</summary>
    private async Task SeedPhotosAsync(string table, string user, int count, long size, string state = "ready")
    {
        var items = Enumerable.Range(0, count).Select(i => new WriteRequest(new PutRequest(new()
        {
            [Keys.PartitionKey] = new AttributeValue(Keys.User(user)),
            [Keys.SortKey] = new AttributeValue(Keys.Photo(new DateOnly(2026, 1, 1).AddDays(i % 300), $"seed{i:D5}")),
            ["entity"] = new AttributeValue(EntityTypes.Photo),
            ["id"] = new AttributeValue($"seed{i:D5}"),
            ["takenOn"] = new AttributeValue(new DateOnly(2026, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd")),
            ["contentType"] = new AttributeValue("image/jpeg"),
            ["sizeBytes"] = new AttributeValue { N = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["state"] = new AttributeValue(state),
            ["createdAt"] = new AttributeValue("2026-01-01T00:00:00Z"),
            ["uploadExpiresAt"] = new AttributeValue("2026-01-01T00:15:00Z"),
        }))).ToList();
        foreach (var chunk in items.Chunk(25))
        {
            var pending = new Dictionary<string, List<WriteRequest>> { [table] = chunk.ToList() };
            while (pending.Count > 0 && pending.Values.Sum(v => v.Count) > 0)
            {
                pending = (await dynamo.Client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending })).UnprocessedItems ?? [];
            }
        }

        await SetCounterAsync(table, user, count, count * size);
    }

    private Task SetCounterAsync(string table, string user, long count, long bytes) =>
        dynamo.Client.PutItemAsync(table, new()
        {
            [Keys.PartitionKey] = new AttributeValue(Keys.User(user)),
            [Keys.SortKey] = new AttributeValue(Keys.Count("photos")),
            ["count"] = new AttributeValue { N = count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["bytes"] = new AttributeValue { N = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
}
