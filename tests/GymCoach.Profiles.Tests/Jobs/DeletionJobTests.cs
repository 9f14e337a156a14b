using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Storage;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Jobs;

/// <summary>Account deletion end to end in process: preconditions, then every item, index entry and object of the user gone, and nobody else's touched.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DeletionJobTests(DynamoDbFixture dynamo, S3Fixture s3)
{
    [Fact]
    public async Task DeleteAccount_WithoutIfMatch_Returns428AndStartsNothing()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""");

        var blind = await api.SendAsync("DELETE", "/profiles/me", user);
        var star = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" });
        var stale = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"9\"" });

        Assert.Equal(428, blind.Status);
        Assert.Equal("application/problem+json", blind.Header("content-type"));
        Assert.Equal(428, star.Status);
        Assert.Equal(412, stale.Status);
        Assert.Empty(await api.StoredItemsAsync(user, Keys.AccountDeletion));
        Assert.Equal(200, (await api.SendAsync("GET", "/profiles/me", user)).Status);
    }

    [Fact]
    public async Task DeleteAccount_LargeAccountInShortSegments_LeavesNothingOfTheUserAndTouchesNoOneElse()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.FromMilliseconds(300));
        var user = NewUser();
        var bystander = NewUser();
        foreach (var who in new[] { user, bystander })
        {
            await api.SendAsync("PUT", "/profiles/me", who, """{"displayName":"Ada","units":"metric"}""");
            await AccountSeeder.SeedAsync(dynamo.Client, api.Table, who, 900);
            await s3.Client.PutObjectAsync(Put(ObjectKeys.Photo(who, "a")));
            await s3.Client.PutObjectAsync(Put(ObjectKeys.Export(who, "b")));
        }

        var bystanderBefore = await SnapshotAsync(api.Table, bystander);
        var indexBefore = await IndexEntriesAsync(api.Table, user);
        Assert.NotEmpty(indexBefore);

        var started = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" });
        var repeated = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" });
        var running = await api.SendAsync("GET", "/profiles/me/deletion", user);
        var segments = await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(TimeSpan.FromMilliseconds(300))).RunAsync(user, Keys.AccountDeletion);

        Assert.Equal(202, started.Status);
        Assert.Equal("/profiles/me/deletion", started.Header("location"));
        Assert.Equal(202, repeated.Status);
        Assert.Equal(started.Json.GetProperty("id").GetString(), repeated.Json.GetProperty("id").GetString());
        Assert.Equal(200, running.Status);
        Assert.True(segments > 3, $"{segments} segments: the test meant to resume many times");
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
        Assert.Empty(await IndexEntriesAsync(api.Table, user));
        Assert.Empty(await s3.KeysAsync(ObjectKeys.User(user)));
        Assert.Equal(bystanderBefore, await SnapshotAsync(api.Table, bystander));
        Assert.Equal(2, (await s3.KeysAsync(ObjectKeys.User(bystander))).Count);
        Assert.Equal("none", (await api.SendAsync("GET", "/profiles/me/deletion", user)).Json.GetProperty("status").GetString());
        Assert.Equal(404, (await api.SendAsync("GET", "/profiles/me", user)).Status);
    }

    [Fact]
    public async Task DeleteAccount_RepeatedAfterItFinished_RunsAgainHarmlessly()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.Zero);
        var user = NewUser();
        await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""");
        var jobs = new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(TimeSpan.Zero));
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" })).Status);
        await jobs.RunAsync(user, Keys.AccountDeletion);

        var again = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" });
        await jobs.RunAsync(user, Keys.AccountDeletion);

        Assert.Equal(202, again.Status);
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
    }

    [Fact]
    public async Task DeleteAccount_ItemWrittenDuringTheSettleTime_IsSweptToo()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.FromSeconds(2));
        var user = NewUser();
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 30);
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" })).Status);
        var jobs = new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(TimeSpan.FromSeconds(2)));
        var run = jobs.RunAsync(user, Keys.AccountDeletion);

        // A late writer (an update that read the account before the deletion began) lands after a pass found nothing.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty)).Count > 1)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), "the first pass did not finish within the settle time");
            await Task.Delay(20);
        }

        Assert.Equal(Keys.AccountDeletion, Assert.Single(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty))[Keys.SortKey].S);
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = api.Table, Item = new() { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S(Keys.AnalyticsSummary) } });
        await run;

        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
    }

    private async Task<string> SnapshotAsync(string table, string user) =>
        string.Join('\n', (await StoredItems.QueryAsync(dynamo.Client, table, user, string.Empty)).Select(i => string.Join(',', i.OrderBy(a => a.Key).Select(a => a.Key + "=" + (a.Value.S ?? a.Value.N)))));

    private async Task<List<Dictionary<string, AttributeValue>>> IndexEntriesAsync(string table, string user)
    {
        var response = await dynamo.Client.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = Keys.Gsi1Name,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.SessionHistoryIndex(user)) },
        });
        return response.Items ?? [];
    }

    private static string NewUser() => "delete-" + Guid.NewGuid().ToString("N")[..12];

    private static Amazon.S3.Model.PutObjectRequest Put(string key) => new() { BucketName = S3Fixture.Bucket, Key = key, ContentBody = "bytes of " + key };

    [Fact]
    public async Task StartPhotoOrExport_WhileTheAccountIsBeingDeleted_Returns409()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" })).Status);

        var photo = await api.SendAsync("POST", "/profiles/me/photos", user, """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":10}""");
        var export = await api.SendAsync("POST", "/profiles/me/export", user);

        Assert.Equal(409, photo.Status);
        Assert.Equal(409, export.Status);
        Assert.Empty(await api.StoredItemsAsync(user, Keys.PhotoPrefix));
        Assert.Empty(await api.StoredItemsAsync(user, Keys.ExportPrefix));
    }

    [Fact]
    public async Task DeleteAccount_PhotoUploadWindowStillOpen_SettlesUntilItCloses()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.FromSeconds(1));
        var user = NewUser();
        Assert.Equal(201, (await api.SendAsync("POST", "/profiles/me/photos", user, """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":10}""")).Status);

        var started = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" });

        var item = Assert.Single(await api.StoredItemsAsync(user, Keys.AccountDeletion));
        var settle = DateTimeOffset.Parse(item["settleUntil"].S, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(item["requestedAt"].S, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(202, started.Status);
        Assert.InRange(settle, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(21)); // the 15-minute URL and its 5-minute grace
    }

    [Fact]
    public async Task DeleteAccount_RepeatedAfterItStalled_RestartsIt()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.Zero);
        var user = NewUser();
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 20);
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" })).Status);

        // Its segment was lost (dead-lettered) while running, 11 minutes ago.
        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = api.Table,
            Key = new() { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S(Keys.AccountDeletion) },
            UpdateExpression = "SET #status = :running, updatedAt = :then",
            ExpressionAttributeNames = new() { ["#status"] = "status" },
            ExpressionAttributeValues = new() { [":running"] = Attributes.S("running"), [":then"] = Attributes.S(GymCoach.Lambda.Text.Timestamps.ToApi(DateTimeOffset.UtcNow.AddMinutes(-11))) },
        });
        var again = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" });

        Assert.Equal(202, again.Status);
        Assert.Equal("continuing", again.Json.GetProperty("status").GetString());
        await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(TimeSpan.Zero)).RunAsync(user, Keys.AccountDeletion);
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
    }
}
