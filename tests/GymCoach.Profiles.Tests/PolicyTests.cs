using System.Text.Json;
using GymCoach.Data;
using GymCoach.Profiles.Tests.Jobs;
using GymCoach.Storage;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests;

/// <summary>The template's policies for both Profiles functions against the DynamoDB and S3 actions they really need.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PolicyTests(DynamoDbFixture dynamo, S3Fixture s3)
{
    [Fact]
    public async Task ProfilesPolicy_GrantsExactlyTheActionsTheServiceUses()
    {
        var recorded = new RecordedActions();
        var faults = recorded.DynamoDb();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        using var storage = s3.CreateClient(recorded.S3());
        var api = await ProfilesApi.CreateAsync(dynamo, client: client, files: new FileStore(storage, S3Fixture.Bucket));
        var key = new Dictionary<string, string> { ["idempotency-key"] = "k1" };
        const string Measurement = """{"date":"2026-11-20","weightKg":80.5}""";

        // Every path: init priming, create/read/replace/refuse a profile and preferences, creates with and without
        // a key, a replay, a released key, an attempt of unknown outcome (lease ended), a page of a list; a photo
        // uploaded, confirmed, read and deleted; an export; the account's deletion.
        DynamoDbClientFactory.Prime(client, api.Table);
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""");
        await api.SendAsync("GET", "/profiles/me");
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""", headers: new() { ["if-match"] = "\"1\"" });
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""");
        await api.SendAsync("PUT", "/profiles/me/preferences", body: """{"weekStartDay":"sunday"}""");
        await api.SendAsync("GET", "/profiles/me/preferences");
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement);
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: key);
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: key);
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"x"}""", headers: new() { ["idempotency-key"] = "k2" });
        faults.LoseResponseNext(1, "TransactWriteItems");
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: new() { ["idempotency-key"] = "k3" });
        await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["limit"] = "1" });
        var photo = await api.SendAsync("POST", "/profiles/me/photos", body: """{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":3}""");
        var upload = photo.Json.GetProperty("upload");
        (await PresignedUpload.PutAsync(upload, [1, 2, 3])).EnsureSuccessStatusCode();
        await api.SendAsync("GET", "/profiles/me/photos");
        var id = photo.Json.GetProperty("photo").GetProperty("id").GetString();
        await api.SendAsync("GET", "/profiles/me/photos/" + id);
        await api.SendAsync("DELETE", "/profiles/me/photos/" + id);
        var export = await api.SendAsync("POST", "/profiles/me/export");
        await api.SendAsync("GET", "/profiles/me/export/" + export.Json.GetProperty("id").GetString());
        Assert.Equal(202, (await api.SendAsync("DELETE", "/profiles/me", headers: new() { ["if-match"] = "\"2\"" })).Status);
        await api.SendAsync("GET", "/profiles/me/deletion");

        // The app's presigned requests act with this function's grant: the upload (with its signed tagging) and the views.
        recorded.Add("s3:PutObject");
        if (upload.GetProperty("headers").TryGetProperty("x-amz-tagging", out _))
        {
            recorded.Add("s3:PutObjectTagging");
        }

        recorded.Add("s3:GetObject");
        Assert.Equal(TemplatePolicies.GrantedActions("ProfilesFunction", "dynamodb"), recorded.Actions("dynamodb"));
        Assert.Equal(TemplatePolicies.GrantedActions("ProfilesFunction", "s3"), recorded.Actions("s3"));
    }

    [Fact]
    public async Task ProfilesJobsPolicy_GrantsExactlyTheActionsTheJobsUse()
    {
        var recorded = new RecordedActions();
        using var client = dynamo.CreateFaultyClient(recorded.DynamoDb(), maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(5));
        var uploadAborted = false;
        using var storage = s3.CreateClient(recorded.S3(request => uploadAborted && request.Method == HttpMethod.Post && request.RequestUri!.Query.Contains("uploadId=", StringComparison.Ordinal)));
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files, deletionSettle: TimeSpan.Zero);
        var user = "policy-" + Guid.NewGuid().ToString("N")[..8];
        await api.SendAsync("PUT", "/profiles/me", user, """{"displayName":"Ada"}""");
        await AccountSeeder.SeedAsync(dynamo.Client, api.Table, user, 120);
        await s3.Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = S3Fixture.Bucket, Key = GymCoach.Storage.ObjectKeys.Photo(user, "p"), ContentBody = "x" });
        var export = (await api.SendAsync("POST", "/profiles/me/export", user)).Json.GetProperty("id").GetString()!;
        var jobs = new ProfileJobs(client, api.Table, new FileStore(storage, S3Fixture.Bucket), ProfileJobs.Short(TimeSpan.Zero));

        // Init priming, an export over several segments and parts, then the deletion of the account with its files.
        DynamoDbClientFactory.Prime(client, api.Table);
        await jobs.RunAsync(user, Keys.Export(export));

        // An export whose multipart upload was aborted before it completed (the bucket's rule, say): the job looks
        // for the document with a HEAD, finds none, and ends failed.
        // (Another account's: this one's next export waits out the cooldown of the first.)
        uploadAborted = true;
        var other = user + "-2";
        var lost = (await api.SendAsync("POST", "/profiles/me/export", other)).Json.GetProperty("id").GetString()!;
        await jobs.RunAsync(other, Keys.Export(lost));
        uploadAborted = false;
        Assert.Equal("failed", (await api.SendAsync("GET", "/profiles/me/export/" + lost, other)).Json.GetProperty("status").GetString());

        await api.SendAsync("DELETE", "/profiles/me", user, headers: new() { ["if-match"] = "\"1\"" });
        await jobs.RunAsync(user, Keys.AccountDeletion);

        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, api.Table, user, string.Empty));
        Assert.Equal(TemplatePolicies.GrantedActions("ProfilesJobsFunction", "dynamodb"), recorded.Actions("dynamodb"));
        Assert.Equal(TemplatePolicies.GrantedActions("ProfilesJobsFunction", "s3"), recorded.Actions("s3"));
    }

    [Fact]
    public void ProfilesJobsPolicy_WritesAndReadsOnlyExportObjects_DeletesAnyOfTheUsersFiles()
    {
        var export = GymCoach.Storage.ObjectKeys.Export("someone", "e1");
        var photo = GymCoach.Storage.ObjectKeys.Photo("someone", "p1");

        foreach (var action in new[] { "s3:PutObject", "s3:PutObjectTagging", "s3:GetObject" })
        {
            var resource = Assert.Single(TemplatePolicies.ResourcesGranting("ProfilesJobsFunction", action));
            Assert.Contains("${MediaBucket.Arn}/users/*/exports/*", resource, StringComparison.Ordinal);
        }

        Assert.Contains("${MediaBucket.Arn}/users/*\"", Assert.Single(TemplatePolicies.ResourcesGranting("ProfilesJobsFunction", "s3:DeleteObject")), StringComparison.Ordinal);
        Assert.Matches(@"^users/[^/]+/exports/[^/]+$", export); // what the narrow grant covers
        Assert.DoesNotMatch(@"^users/[^/]+/exports/", photo); // and what it does not
    }
}
