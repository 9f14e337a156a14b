using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.LocalInfra;
using GymCoach.Storage;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>
/// Export and account deletion of a large account (over 5,000 items across every domain, written through the
/// API and in bulk) through the whole local stack: the gateway, the Profiles binary, the emulated event source
/// mapping and the jobs binary, DynamoDB Local and the verifying local S3. The timings and request counts are
/// written to <c>artifacts/account-jobs.txt</c>.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class AccountJobsTests(LocalStackFixture local, ITestOutputHelper output)
{
    private const int BulkItems = 5200;

    [Fact]
    public async Task ExportThenDelete_LargeAccount_DocumentHasEverythingThenNothingOfTheUserRemains()
    {
        var user = "bulk-" + Guid.NewGuid().ToString("N")[..8];
        var bystander = "near-" + Guid.NewGuid().ToString("N")[..8];
        using var dynamo = local.Stack.Dynamo.CreateClient();
        using var s3 = local.Stack.S3.CreateClient();
        var bucket = (await s3.ListBucketsAsync()).Buckets.Single(b => b.BucketName.Contains("media", StringComparison.Ordinal)).BucketName;

        // Through the API: profile, preferences, a measurement, a plan, a completed session (so Analytics derives
        // its aggregates from the stream), a photo uploaded with its presigned URL; the bulk straight into the table.
        foreach (var who in new[] { user, bystander })
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Put, "/profiles/me", who, """{"displayName":"Bulk","units":"metric"}""")).Status);
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Put, "/profiles/me/preferences", who, """{"weekStartDay":"sunday"}""")).Status);
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/profiles/me/measurements", who, """{"date":"2026-11-20","weightKg":81}""")).Status);
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/workouts/plans", who, """{"name":"Legs","exercises":[{"exerciseId":"barbell-back-squat"}]}""")).Status);
            var session = (await SendAsync(HttpMethod.Post, "/workouts/sessions", who, """{"name":"Legs"}""")).Json.GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/workouts/sessions/{session}/sets", who, """{"exerciseId":"barbell-back-squat","reps":5,"weightKg":100}""")).Status);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/workouts/sessions/{session}/complete", who)).Status);
            var photo = (await SendAsync(HttpMethod.Post, "/profiles/me/photos", who, """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":4096}""")).Json;
            (await PresignedUpload.PutAsync(photo.GetProperty("upload"), new byte[4096])).EnsureSuccessStatusCode();
            Assert.Equal("ready", (await SendAsync(HttpMethod.Get, "/profiles/me/photos", who)).Json.GetProperty("items")[0].GetProperty("state").GetString());
            await AccountSeeder.SeedAsync(dynamo, local.Stack.TableName, who, who == user ? BulkItems : 300);
        }

        await WaitAsync(async () => (await StoredItems.QueryAsync(dynamo, local.Stack.TableName, user, Keys.AnalyticsSummary)).Count > 0, "analytics derived the completed session");
        var before = await StoredItems.QueryAsync(dynamo, local.Stack.TableName, user, string.Empty);
        Assert.True(before.Count >= 5000, $"{before.Count} items");
        var bystanderBefore = Describe(await StoredItems.QueryAsync(dynamo, local.Stack.TableName, bystander, string.Empty));

        // The floor: an export of an account with nothing in it, the same way (POST, stream, jobs binary, polls),
        // on a warm jobs instance as the large one then runs (a first empty export warms it).
        var clock = Stopwatch.StartNew();
        await ExportEmptyAccountAsync();
        var coldFloor = clock.Elapsed;
        clock.Restart();
        await ExportEmptyAccountAsync();
        var floorTime = clock.Elapsed;

        // Export.
        clock.Restart();
        var started = await SendAsync(HttpMethod.Post, "/profiles/me/export", user);
        Assert.Equal(HttpStatusCode.Accepted, started.Status);
        var location = started.Json.GetProperty("location").GetString()!;
        JsonElement status = default;
        await WaitAsync(async () => (status = (await SendAsync(HttpMethod.Get, location, user)).Json).GetProperty("status").GetString() == "completed", "the export completed");
        var exportTime = clock.Elapsed;
        using var http = new HttpClient();
        var document = JsonDocument.Parse(await http.GetByteArrayAsync(status.GetProperty("downloadUrl").GetString())).RootElement;
        var exported = document.GetProperty("domains").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)).ToList();
        // Every item the account held, once, in key order, and the export gate the request opened.
        // The sync change log is not the lifter's data (and grows while the export runs): left out.
        var expected = before.Select(i => i[Keys.SortKey].S).Where(k => !k.StartsWith(Keys.SyncHead, StringComparison.Ordinal)).Append(Keys.JobGate("export")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, exported);
        Assert.Equal(expected.Count, document.GetProperty("itemCount").GetInt32());
        var domains = document.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("domain").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "profile", "preferences", "measurements", "photos", "plans", "sessions", "analytics", "exercises", "requests" }, domains.ToHashSet());

        // Deletion.
        var etag = (await SendAsync(HttpMethod.Get, "/profiles/me", user)).ETag;
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await SendAsync(HttpMethod.Delete, "/profiles/me", user)).Status);
        clock.Restart();
        var deletion = await SendAsync(HttpMethod.Delete, "/profiles/me", user, ifMatch: etag);
        Assert.Equal(HttpStatusCode.Accepted, deletion.Status);
        await WaitAsync(async () => (await SendAsync(HttpMethod.Get, "/profiles/me/deletion", user)).Json.GetProperty("status").GetString() == "none", "the deletion finished", TimeSpan.FromSeconds(120));
        var deletionTime = clock.Elapsed;

        Assert.Empty(await StoredItems.QueryAsync(dynamo, local.Stack.TableName, user, string.Empty));
        Assert.Empty((await dynamo.QueryAsync(new QueryRequest
        {
            TableName = local.Stack.TableName,
            IndexName = Keys.Gsi1Name,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey },
            ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.SessionHistoryIndex(user)) },
        })).Items);
        Assert.Empty((await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket, Prefix = ObjectKeys.User(user) })).S3Objects ?? []);
        Assert.Equal(bystanderBefore, Describe(await StoredItems.QueryAsync(dynamo, local.Stack.TableName, bystander, string.Empty)));
        Assert.NotEmpty((await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = bucket, Prefix = ObjectKeys.User(bystander) })).S3Objects);

        var deletionId = deletion.Json.GetProperty("id").GetString()!;
        var deletionLines = local.Lines.Where(l => l.Contains("Account deletion " + deletionId, StringComparison.Ordinal));
        var deletionLine = string.Join("\n  ", deletionLines.Select(l => l[(l.IndexOf("\"message\":", StringComparison.Ordinal) + 11)..]));
        var report = string.Join('\n',
            $"account: {before.Count} items ({BulkItems} bulk, the rest through the API), one 4 KB photo",
            $"floor: {floorTime.TotalSeconds:F2} s to export an empty account the same way on a warm jobs instance ({coldFloor.TotalSeconds:F2} s with its cold start)",
            $"export: {exportTime.TotalSeconds:F2} s from POST to completed (polled every 100 ms); {status.GetProperty("bytes").GetInt64()} bytes, {status.GetProperty("parts").GetInt32()} part(s), {status.GetProperty("segments").GetInt32()} segment(s); {status.GetProperty("dynamoDbRequests").GetInt64()} DynamoDB and {status.GetProperty("s3Requests").GetInt64()} S3 requests",
            $"deletion: {deletionTime.TotalSeconds:F2} s from DELETE until GET /profiles/me/deletion said none (polled every 100 ms; settle {LocalStackFixture.SettleSeconds} s in the tests' stack)",
            $"deletion log:\n  {deletionLine}");
        output.WriteLine(report);
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, "artifacts", "account-jobs.txt"), report + "\n");
    }

    private async Task ExportEmptyAccountAsync()
    {
        var empty = "empty-" + Guid.NewGuid().ToString("N")[..8];
        var location = (await SendAsync(HttpMethod.Post, "/profiles/me/export", empty)).Json.GetProperty("location").GetString()!;
        await WaitAsync(async () => (await SendAsync(HttpMethod.Get, location, empty)).Json.GetProperty("status").GetString() == "completed", "the empty export completed");
    }

    private static string Describe(List<Dictionary<string, AttributeValue>> items) =>
        string.Join('\n', items.Select(i => string.Join(',', i.Where(a => a.Key != "updatedAt").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + (a.Value.S ?? a.Value.N)))));

    private static async Task WaitAsync(Func<Task<bool>> done, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, string? ETag)> SendAsync(HttpMethod method, string path, string sub, string? body = null, string? ifMatch = null)
    {
        using var request = local.Request(method, path, sub, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("if-match", ifMatch);
        }

        using var response = await local.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default, response.Headers.ETag?.Tag);
    }
}
