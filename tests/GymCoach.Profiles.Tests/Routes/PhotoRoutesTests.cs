using System.Net;
using System.Text.Json;
using Amazon.S3.Model;
using GymCoach.Storage;
using GymCoach.TestSupport;
using NSubstitute;

namespace GymCoach.Profiles.Tests.Routes;

/// <summary>Progress photos against s3rver: the presigned PUT really uploads, and only what it was signed for.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PhotoRoutesTests(DynamoDbFixture dynamo, S3Fixture s3)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task AddPhoto_UploadThroughPresignedUrl_ListsBackReadyWithAWorkingUrl()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var bytes = Jpeg(2048);

        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-20", "image/jpeg", bytes.Length));
        Assert.Equal(201, created.Status);
        var photo = created.Json.GetProperty("photo");
        Assert.Equal("pending", photo.GetProperty("state").GetString());
        var upload = created.Json.GetProperty("upload");
        var uploaded = await PresignedUpload.PutAsync(upload, bytes);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);

        var list = await api.SendAsync("GET", "/profiles/me/photos", user);

        Assert.Equal(200, list.Status);
        var item = Assert.Single(list.Json.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(photo.GetProperty("id").GetString(), item.GetProperty("id").GetString());
        Assert.Equal("ready", item.GetProperty("state").GetString());
        Assert.Equal(bytes, await Http.GetByteArrayAsync(item.GetProperty("url").GetString()));
        var key = ObjectKeys.Photo(user, photo.GetProperty("id").GetString()!);
        var tags = await s3.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = S3Fixture.Bucket, Key = key });
        Assert.Contains(tags.Tagging, t => t.Key == "gymcoach-state" && t.Value == "ready");
    }

    [Fact]
    public async Task GetPhoto_BeforeTheUpload_IsPendingWithoutUrl()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-20", "image/png", 100));
        var id = created.Json.GetProperty("photo").GetProperty("id").GetString();

        var photo = await api.SendAsync("GET", "/profiles/me/photos/" + id, user);

        Assert.Equal(200, photo.Status);
        Assert.Equal("pending", photo.Json.GetProperty("state").GetString());
        Assert.False(photo.Json.TryGetProperty("url", out _));
    }

    [Theory]
    [InlineData("image/png", 0)]      // another content type than the one signed
    [InlineData("image/jpeg", 1)]     // one byte more than declared
    [InlineData("image/jpeg", -1)]    // one byte less
    public async Task PresignedPut_OtherTypeOrSize_IsRefusedByS3(string contentType, int extraBytes)
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-20", "image/jpeg", 1000));
        var upload = created.Json.GetProperty("upload");

        var response = await PresignedUpload.PutAsync(upload, Jpeg(1000 + extraBytes), contentType);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await s3.KeysAsync(ObjectKeys.User(user)));
    }

    [Fact]
    public async Task PresignedPut_UsedForAnotherKey_IsRefusedByS3()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var victim = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-20", "image/jpeg", 10));
        var url = created.Json.GetProperty("upload").GetProperty("url").GetString()!;
        var forged = url.Replace(Uri.EscapeDataString(user), Uri.EscapeDataString(victim), StringComparison.Ordinal);
        Assert.NotEqual(url, forged);

        var response = await PresignedUpload.PutAsync(created.Json.GetProperty("upload"), Jpeg(10), url: forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await s3.KeysAsync(ObjectKeys.User(victim)));
    }

    [Theory]
    [InlineData("""{"takenOn":"2026-11-20","contentType":"image/gif","sizeBytes":10}""", "contentType")]
    [InlineData("""{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":10485761}""", "sizeBytes")]
    [InlineData("""{"takenOn":"2026-11-20","contentType":"image/jpeg","sizeBytes":0}""", "sizeBytes")]
    [InlineData("""{"takenOn":"2999-01-01","contentType":"image/jpeg","sizeBytes":10}""", "takenOn")]
    [InlineData("""{"contentType":"image/jpeg","sizeBytes":10}""", "takenOn")]
    public async Task AddPhoto_InvalidBody_Returns400NamingTheField(string body, string field)
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);

        var response = await api.SendAsync("POST", "/profiles/me/photos", NewUser(), body);

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    [Fact]
    public async Task DeletePhoto_Uploaded_RemovesObjectAndRecord()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-21", "image/jpeg", 64));
        var id = created.Json.GetProperty("photo").GetProperty("id").GetString();
        await PresignedUpload.PutAsync(created.Json.GetProperty("upload"), Jpeg(64));
        Assert.Single(await s3.KeysAsync(ObjectKeys.User(user)));

        var deleted = await api.SendAsync("DELETE", "/profiles/me/photos/" + id, user);
        var again = await api.SendAsync("GET", "/profiles/me/photos/" + id, user);

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Empty(await s3.KeysAsync(ObjectKeys.User(user)));
        Assert.Empty(await api.StoredItemsAsync(user, "PHOTO#"));
    }

    [Fact]
    public async Task PhotoRoutes_AnotherUsersPhoto_Returns404AndLeavesItAlone()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var owner = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", owner, Body("2026-11-21", "image/jpeg", 8));
        var id = created.Json.GetProperty("photo").GetProperty("id").GetString();
        await PresignedUpload.PutAsync(created.Json.GetProperty("upload"), Jpeg(8));

        var read = await api.SendAsync("GET", "/profiles/me/photos/" + id, "mallory");
        var delete = await api.SendAsync("DELETE", "/profiles/me/photos/" + id, "mallory");

        Assert.Equal(404, read.Status);
        Assert.Equal(404, delete.Status);
        Assert.Single(await s3.KeysAsync(ObjectKeys.User(owner)));
    }

    [Fact]
    public async Task ListPhotos_DateRange_ReturnsOnlyThoseDaysNewestFirstAcrossPages()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        foreach (var day in new[] { "2026-10-01", "2026-10-15", "2026-11-01", "2026-11-15" })
        {
            Assert.Equal(201, (await api.SendAsync("POST", "/profiles/me/photos", user, Body(day, "image/jpeg", 5))).Status);
        }

        var first = await api.SendAsync("GET", "/profiles/me/photos", user, query: new() { ["from"] = "2026-10-10", ["to"] = "2026-11-10", ["limit"] = "1" });
        var cursor = first.Json.GetProperty("nextCursor").GetString()!;
        var second = await api.SendAsync("GET", "/profiles/me/photos", user, query: new() { ["from"] = "2026-10-10", ["to"] = "2026-11-10", ["limit"] = "1", ["cursor"] = cursor });

        Assert.Equal("2026-11-01", first.Json.GetProperty("items")[0].GetProperty("takenOn").GetString());
        Assert.Equal("2026-10-15", second.Json.GetProperty("items")[0].GetProperty("takenOn").GetString());
    }

    [Fact]
    public async Task PresignedPut_ReplayedAfterTheUpload_IsRefusedAndTheReadyPhotoStays()
    {
        var api = await ProfilesApi.CreateAsync(dynamo, files: s3.Files);
        var user = NewUser();
        var created = await api.SendAsync("POST", "/profiles/me/photos", user, Body("2026-11-20", "image/jpeg", 16));
        var upload = created.Json.GetProperty("upload");
        var signed = System.Web.HttpUtility.ParseQueryString(new Uri(upload.GetProperty("url").GetString()!).Query)["X-Amz-SignedHeaders"]!.Split(';');
        Assert.Contains("if-none-match", signed);
        Assert.Contains("content-length", signed);
        Assert.Contains("content-type", signed);
        var first = Jpeg(16);
        Assert.Equal(HttpStatusCode.OK, (await PresignedUpload.PutAsync(upload, first)).StatusCode);
        Assert.Equal("ready", (await api.SendAsync("GET", "/profiles/me/photos", user)).Json.GetProperty("items")[0].GetProperty("state").GetString());

        // The app retries the upload (its first answer was lost): the object must not be replaced by one tagged pending.
        var replay = await PresignedUpload.PutAsync(upload, Jpeg(16));

        Assert.Equal(HttpStatusCode.PreconditionFailed, replay.StatusCode);
        var key = ObjectKeys.Photo(user, created.Json.GetProperty("photo").GetProperty("id").GetString()!);
        var tags = await s3.Client.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = S3Fixture.Bucket, Key = key });
        Assert.Contains(tags.Tagging, t => t.Key == "gymcoach-state" && t.Value == "ready");
        using var stored = await s3.Client.GetObjectAsync(S3Fixture.Bucket, key);
        using var bytes = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(first, bytes.ToArray());
    }

    [Fact]
    public async Task Uploaded_S3AnswersForbiddenForAMissingKey_IsNotUploadedYet()
    {
        // Without s3:ListBucket (not granted) S3 answers a HEAD of a missing key with 403, which s3rver never does.
        var client = Substitute.For<Amazon.S3.IAmazonS3>();
        client.GetObjectMetadataAsync(Arg.Any<GetObjectMetadataRequest>(), Arg.Any<CancellationToken>())
            .Returns<Task<GetObjectMetadataResponse>>(_ => throw new Amazon.S3.AmazonS3Exception("Forbidden") { StatusCode = HttpStatusCode.Forbidden });
        var objects = new GymCoach.Profiles.Data.PhotoObjects(client, S3Fixture.Bucket, TimeProvider.System);
        var photo = new GymCoach.Profiles.Domain.Photo("20261120-01JAAAAAAAAAAAAAAAAAAAAAAA", new DateOnly(2026, 11, 20), "image/jpeg", 1, "pending", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(15));

        Assert.False(await objects.UploadedAsync("alice", photo, CancellationToken.None));
    }

    private static string NewUser() => "photo-" + Guid.NewGuid().ToString("N")[..12];

    private static string Body(string takenOn, string contentType, long size) =>
        $$"""{"takenOn":"{{takenOn}}","contentType":"{{contentType}}","sizeBytes":{{size}}}""";

    private static byte[] Jpeg(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
