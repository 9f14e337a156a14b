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
    public async Task GetProfile_OtherWarmInstanceAfterTheDeletionAnswered_Answers409NotTheCachedProfile()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var other = api.OtherInstance(s3.Files);
        var user = NewUser();
        await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""");
        var warm = await other.SendAsync("GET", "/profiles/me", user); // the other instance now holds the profile in its cache

        var deleted = await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" });
        var afterwards = await other.SendAsync("GET", "/profiles/me", user);
        var progress = await other.SendAsync("GET", "/profiles/me/deletion", user);

        Assert.Equal(200, warm.Status);
        Assert.Equal(202, deleted.Status);
        Assert.Equal(409, afterwards.Status);
        Assert.Equal("https://api.gymcoach.app/problems/account-deleting", afterwards.Json.GetProperty("type").GetString());
        Assert.DoesNotContain("Ada", afterwards.Body, StringComparison.Ordinal);
        Assert.Equal(200, progress.Status); // the deletion's own route still answers
        Assert.Equal("queued", progress.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeleteAccount_WritesHammeredWhileItRuns_RefusesEveryOneAndLeavesNothingOfTheUser()
    {
        var settle = TimeSpan.FromSeconds(3);
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: settle);
        var user = NewUser();
        await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""");
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 200);
        await s3.Client.PutObjectAsync(Put(ObjectKeys.Photo(user, "a")));
        var until = DateTime.UtcNow + settle / 2; // counted from before the deletion's start: the hammering ends well inside its settle time
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" })).Status);
        var run = new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(settle)).RunAsync(user, Keys.AccountDeletion);

        // Two devices keep writing through every kind of write route while the deletion sweeps (its settle time is
        // longer than the hammering, so the deletion item stands throughout and every answer must be the fence's).
        var statuses = new System.Collections.Concurrent.ConcurrentBag<(string Route, int Status, string? Type)>();
        (string Method, string Path, string? Body, Dictionary<string, string>? Headers)[] writes =
        [
            ("POST", "/profiles/me/measurements", """{"date":"2026-11-20","weightKg":80.5}""", null),
            ("POST", "/profiles/me/measurements", """{"date":"2026-11-21","weightKg":80}""", new() { ["idempotency-key"] = "k-" + Guid.NewGuid().ToString("N") }),
            ("PUT", "/profiles/me", """{"displayName":"Again","units":"metric"}""", new() { ["if-match"] = "*" }),
            ("PUT", "/profiles/me", """{"displayName":"Again","units":"metric"}""", new() { ["if-none-match"] = "*" }),
            ("PUT", "/profiles/me/preferences", """{"weekStartDay":"sunday"}""", new() { ["if-match"] = "*" }),
            ("POST", "/profiles/me/photos", """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":10}""", null),
            ("POST", "/profiles/me/export", null, null),
        ];
        var devices = Enumerable.Range(0, 2).Select(d => Task.Run(async () =>
        {
            for (var i = d; DateTime.UtcNow < until; i++)
            {
                var (method, path, body, headers) = writes[i % writes.Length];
                var answer = await api.SendAsync(method, path, user, body, headers);
                statuses.Add(($"{method} {path}", answer.Status, answer.Status >= 400 ? answer.Json.GetProperty("type").GetString() : null));
            }
        })).ToList();
        await Task.WhenAll(devices);
        var invocations = await run;

        Assert.True(statuses.Count >= writes.Length, $"only {statuses.Count} writes were sent");
        Assert.All(statuses, s => Assert.True(s.Status == 409 && s.Type == "https://api.gymcoach.app/problems/account-deleting", $"{s.Route} during the deletion: {s.Status} {s.Type}"));
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
        Assert.Empty(await s3.KeysAsync(ObjectKeys.User(user)));
        Assert.Equal("none", (await api.SendAsync("GET", "/profiles/me/deletion", user)).Json.GetProperty("status").GetString());
        Assert.True(invocations < 200, $"{invocations} invocations");
    }

    [Fact]
    public async Task DeleteAccount_WriterPastTheFenceNeverStops_FinishesAfterOneFinalPass()
    {
        var settle = TimeSpan.FromMilliseconds(300);
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: settle);
        var user = NewUser();
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 20);
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "*" })).Status);

        // Something the fence does not hold (a stream consumer gone astray, say) gets an item into the partition
        // just before every page the sweep reads: every pass finds something, without end. The deletion must still
        // finish: the first pass that starts after the settle time is the last, whatever it finds.
        var strays = 0;
        var partition = Keys.User(user);
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, body) =>
            {
                if (target == "Query" && body.Contains(partition, StringComparison.Ordinal))
                {
                    var i = Interlocked.Increment(ref strays);
                    dynamo.Client.PutItemAsync(new PutItemRequest { TableName = api.Table, Item = new() { [Keys.PartitionKey] = Attributes.S(partition), [Keys.SortKey] = Attributes.S(Keys.AnalyticsPrefix + "STRAY#" + i) } }).GetAwaiter().GetResult();
                }

                return false;
            },
        };
        using var client = dynamo.CreateFaultyClient(faults);

        var invocations = await new ProfileJobs(client, api.Table, s3.Files, ProfileJobs.Short(settle)).RunAsync(user, Keys.AccountDeletion, maxInvocations: 100);

        Assert.True(strays >= 2, $"{strays} stray items: the test meant every pass to find one");
        Assert.Empty(await api.StoredItemsAsync(user, Keys.AccountDeletion));
        Assert.InRange(invocations, 1, 100);
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
