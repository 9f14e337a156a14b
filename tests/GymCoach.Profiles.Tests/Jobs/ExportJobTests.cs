using System.Text.Json;
using GymCoach.Data;
using GymCoach.Profiles.Export;
using GymCoach.TestSupport;
using NSubstitute;

namespace GymCoach.Profiles.Tests.Jobs;

/// <summary>Export end to end in process: the API queues, the jobs function writes the document in many segments and parts, the link downloads it.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class ExportJobTests(DynamoDbFixture dynamo, S3Fixture s3)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Export_LargeAccountInShortSegments_DocumentHoldsEveryItemOnceAndNothingOfOthers()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""")).Status);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me/preferences", user, """{"weekStartDay":"sunday"}""")).Status);
        var seeded = await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 1200);
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, "someone-else", 100);
        var stored = await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty);

        var started = await api.SendAsync("POST", "/profiles/me/export", user);
        Assert.Equal(202, started.Status);
        var id = started.Json.GetProperty("id").GetString()!;
        Assert.Equal("/profiles/me/export/" + id, started.Header("location"));
        var segments = await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short()).RunAsync(user, Keys.Export(id));
        var status = await api.SendAsync("GET", "/profiles/me/export/" + id, user);

        Assert.Equal(200, status.Status);
        Assert.Equal("completed", status.Json.GetProperty("status").GetString());
        Assert.True(segments > 3, $"{segments} segments: the test meant to resume many times");
        Assert.True(status.Json.GetProperty("parts").GetInt32() > 3, status.Body);
        var document = JsonDocument.Parse(await Http.GetByteArrayAsync(status.Json.GetProperty("downloadUrl").GetString())).RootElement;
        Assert.Equal("gymcoach-export/1", document.GetProperty("format").GetString());
        Assert.Equal(user, document.GetProperty("userId").GetString());
        var sections = document.GetProperty("domains").EnumerateArray().ToList();
        var keys = sections.SelectMany(s => s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)).ToList();
        // What was stored before the request, and the account's export gate the request opened.
        var expected = stored.Select(i => i[Keys.SortKey].S).Append(Keys.JobGate("export")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, keys); // every item, once, in key order
        Assert.Superset(seeded.ToHashSet(), keys.ToHashSet());
        Assert.Equal(keys.Count, document.GetProperty("itemCount").GetInt32());
        Assert.Equal(sections.Count, sections.Select(s => s.GetProperty("domain").GetString()).Distinct().Count()); // one section per domain
        Assert.DoesNotContain("someone-else", document.GetRawText(), StringComparison.Ordinal);
        var preferences = sections.Single(s => s.GetProperty("domain").GetString() == "preferences").GetProperty("items")[0];
        Assert.True(preferences.TryGetProperty("weekStartDay", out var weekStart), preferences.GetRawText());
        Assert.Equal("sunday", weekStart.GetString());
        Assert.False(preferences.TryGetProperty("PK", out _));
        var digest = sections.Single(s => s.GetProperty("domain").GetString() == "analytics").GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("key").GetString()!.StartsWith(Keys.AnalyticsSessionPrefix, StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Object, digest.GetProperty("data").ValueKind); // embedded JSON, not a string
    }

    [Fact]
    public async Task Export_AccountWithASyncChangeLog_LeavesTheLogOut()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada","units":"metric"}""")).Status);
        foreach (var sortKey in new[] { Keys.SyncHead, Keys.SyncLog(1) })
        {
            await dynamo.Client.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest
            {
                TableName = api.Table,
                Item = new() { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S(sortKey), ["key"] = Attributes.S(Keys.ProfileSortKey) },
            });
        }

        var id = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;
        await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short()).RunAsync(user, Keys.Export(id));
        var status = await api.SendAsync("GET", "/profiles/me/export/" + id, user);

        Assert.Equal("completed", status.Json.GetProperty("status").GetString());
        var document = JsonDocument.Parse(await Http.GetByteArrayAsync(status.Json.GetProperty("downloadUrl").GetString())).RootElement;
        var domains = document.GetProperty("domains").EnumerateArray().Select(s => s.GetProperty("domain").GetString()!).ToList();
        Assert.Contains("profile", domains);
        Assert.DoesNotContain("sync", domains);
        Assert.Equal(2, document.GetProperty("itemCount").GetInt32()); // the profile and the export's gate
    }

    [Fact]
    public async Task StartExport_WhileOneIsBeingMade_AnswersThatOne()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();

        var first = await api.SendAsync("POST", "/profiles/me/export", user);
        var second = await api.SendAsync("POST", "/profiles/me/export", user);

        Assert.Equal(202, second.Status);
        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.Single(await api.StoredItemsAsync(user, Keys.ExportPrefix));
    }

    [Fact]
    public async Task StartExport_TenAtOnceWithNoneBeingMade_AllAnswerOneExport()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.SendAsync("POST", "/profiles/me/export", user)));

        Assert.All(answers, a => Assert.Equal(202, a.Status));
        Assert.Single(answers.Select(a => a.Json.GetProperty("id").GetString()).Distinct());
        Assert.Single(await api.StoredItemsAsync(user, Keys.ExportPrefix));
    }

    [Fact]
    public async Task StartExport_RightAfterOneCompleted_Answers429JobCooldownUntilTenMinutesAfterIt()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var api = await ProfilesApi.CreateAsync(dynamo, time: clock, files: s3.Files);
        var user = NewUser();
        var id = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;
        await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short(), time: clock).RunAsync(user, Keys.Export(id));
        Assert.Equal("completed", (await api.SendAsync("GET", "/profiles/me/export/" + id, user)).Json.GetProperty("status").GetString());

        var refused = await api.SendAsync("POST", "/profiles/me/export", user);

        Assert.Equal(429, refused.Status);
        Assert.EndsWith("/job-cooldown", refused.Json.GetProperty("type").GetString());
        Assert.Equal("600", refused.Header("retry-after")); // the export completed at the same instant, by the jobs' clock
        Assert.Single(await api.StoredItemsAsync(user, Keys.ExportPrefix));
        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        var next = await api.SendAsync("POST", "/profiles/me/export", user);
        Assert.Equal(202, next.Status);
        Assert.NotEqual(id, next.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetExport_AnotherUsersOrUnknown_Returns404()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var owner = NewUser();
        var id = (await api.SendAsync("POST", "/profiles/me/export", owner)).Json.GetProperty("id").GetString();

        var asOther = await api.SendAsync("GET", "/profiles/me/export/" + id, "mallory");
        var unknown = await api.SendAsync("GET", "/profiles/me/export/not-an-id", owner);

        Assert.Equal(404, asOther.Status);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Export_EmptyAccount_IsAValidDocumentHoldingOnlyTheExportsOwnGate()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var id = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;

        await new ProfileJobs(dynamo, api.Table, s3, ProfileJobs.Short()).RunAsync(user, Keys.Export(id));
        var status = await api.SendAsync("GET", "/profiles/me/export/" + id, user);
        var document = JsonDocument.Parse(await Http.GetByteArrayAsync(status.Json.GetProperty("downloadUrl").GetString())).RootElement;

        // The one item an empty account holds once it asked for an export: the gate that let it start one.
        var domain = Assert.Single(document.GetProperty("domains").EnumerateArray());
        Assert.Equal("jobs", domain.GetProperty("domain").GetString());
        Assert.Equal(1, document.GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public void ExportDomains_EveryKeyPrefix_HasADocumentedName()
    {
        string[] sortKeys =
        [
            Keys.ProfileSortKey, Keys.PreferencesSortKey, Keys.AccountDeletion, Keys.Measurement(new DateOnly(2026, 1, 1), "x"), Keys.Photo(new DateOnly(2026, 1, 1), "x"),
            Keys.Export("x"), Keys.Plan("x"), Keys.Schedule("x"), Keys.Session("x"), Keys.Set("x", "y"), Keys.ActiveSession("x"),
            Keys.Exercise("custom-x"), Keys.Idempotency("s", "k"), Keys.AnalyticsSummary, Keys.Count("plans"), Keys.JobGate("export"), Keys.AnalyticsJob("x"),
        ];

        Assert.All(sortKeys, key => Assert.Contains(ExportDomains.Of(key), ExportDomains.All));
        var documented = File.ReadAllText(Path.Combine(GymCoach.LocalInfra.RepoPaths.Root, "docs", "export.md"));
        Assert.All(ExportDomains.All, domain => Assert.Contains($"`{domain}`", documented, StringComparison.Ordinal));
    }

    private static string NewUser() => "export-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task HandleBatch_OneJobNamedTwice_RunsItOnce()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var id = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;
        var claims = 0;
        var faults = new FaultInjectingHandler
        {
            // A claim is the transaction that moves the job to its next segment.
            ThrottleWhere = (target, body) => target == "TransactWriteItems" && body.Contains("#segment = :next", StringComparison.Ordinal) && Interlocked.Increment(ref claims) < 0,
        };
        using var client = dynamo.CreateFaultyClient(faults);
        var function = ProfilesFunction.CreateJobs(client, api.Table, s3.Files, new GymCoach.Profiles.Jobs.JobSettings(), TimeProvider.System);

        // A record re-delivered beside the one after it: two segments of one export must never run side by side.
        await FunctionInvoker.InvokeAsync(function, StreamEvents.Keys([(user, Keys.Export(id)), (user, Keys.Export(id))]));

        Assert.Equal(1, claims); // one claim
        var status = await api.SendAsync("GET", "/profiles/me/export/" + id, user);
        Assert.Equal("completed", status.Json.GetProperty("status").GetString());
        Assert.Equal(1, status.Json.GetProperty("segments").GetInt32());
    }

    [Theory]
    [InlineData(false)] // aborted (by the bucket's rule, say): the export cannot finish
    [InlineData(true)]  // completed by an earlier attempt whose save was lost: the document is there
    public async Task Export_ItsUploadVanished_EndsFailedOrCompletedInsteadOfRetryingForever(bool documentExists)
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 40);
        var id = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;

        // S3 answers NoSuchUpload, which s3rver never does (it takes parts for any upload id).
        var storage = Substitute.For<Amazon.S3.IAmazonS3>();
        storage.InitiateMultipartUploadAsync(Arg.Any<Amazon.S3.Model.InitiateMultipartUploadRequest>(), Arg.Any<CancellationToken>())
            .Returns(new Amazon.S3.Model.InitiateMultipartUploadResponse { UploadId = "gone" });
        storage.UploadPartAsync(Arg.Any<Amazon.S3.Model.UploadPartRequest>(), Arg.Any<CancellationToken>())
            .Returns<Task<Amazon.S3.Model.UploadPartResponse>>(_ => throw new Amazon.S3.AmazonS3Exception("gone") { ErrorCode = "NoSuchUpload", StatusCode = System.Net.HttpStatusCode.NotFound });
        storage.GetObjectMetadataAsync(Arg.Any<Amazon.S3.Model.GetObjectMetadataRequest>(), Arg.Any<CancellationToken>())
            .Returns<Task<Amazon.S3.Model.GetObjectMetadataResponse>>(_ => documentExists
                ? Task.FromResult(new Amazon.S3.Model.GetObjectMetadataResponse { ContentLength = 1234 })
                : throw new Amazon.S3.AmazonS3Exception("missing") { StatusCode = System.Net.HttpStatusCode.NotFound });
        var worker = new GymCoach.Profiles.Jobs.ExportWorker(dynamo.Client, api.Table, storage, S3Fixture.Bucket, ProfileJobs.Short(), TimeProvider.System, new CapturingLogger().Logger);

        await worker.RunAsync(user, id, DateTimeOffset.UtcNow.AddSeconds(20), CancellationToken.None);
        var status = await api.SendAsync("GET", "/profiles/me/export/" + id, user);

        Assert.Equal(documentExists ? "completed" : "failed", status.Json.GetProperty("status").GetString());
        Assert.Equal(documentExists, status.Json.TryGetProperty("downloadUrl", out _));
    }
}
