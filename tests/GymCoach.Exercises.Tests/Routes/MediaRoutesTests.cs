using Amazon.S3.Model;
using GymCoach.Data;
using GymCoach.Exercises.Data;
using GymCoach.LocalInfra;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests.Routes;

/// <summary>GET /exercises/{id}/media against s3rver: presigned GET URLs that really fetch the object.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class MediaRoutesTests(DynamoDbFixture dynamo) : IAsyncLifetime
{
    private const string Bucket = "gymcoach-test-media";
    private S3rverServer _s3 = null!;

    public async Task InitializeAsync() =>
        _s3 = await S3rverServer.StartAsync(Path.Combine(Path.GetTempPath(), "gymcoach-s3-" + Guid.NewGuid().ToString("N")[..8]), [Bucket]);

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    [Fact]
    public async Task Media_ExerciseWithMedia_AnswersPresignedUrlsThatFetchTheObjects()
    {
        using var s3 = _s3.CreateClient();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "exercises/barbell-back-squat/demo.mp4", ContentBody = "squat video bytes", UseChunkEncoding = false });
        var function = await FunctionAsync(s3);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/exercises/barbell-back-squat/media", "alice"));

        Assert.Equal(200, response.Status);
        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["exercises/barbell-back-squat/demo.mp4", "exercises/barbell-back-squat/cover.jpg"], items.Select(i => i.GetProperty("key").GetString()));
        var expires = DateTimeOffset.Parse(items[0].GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
        using var http = new HttpClient();
        Assert.Equal("squat video bytes", await http.GetStringAsync(items[0].GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("/exercises/wall-sit/media")]
    [InlineData("/exercises/no-such-exercise/media")]
    public async Task Media_NoMediaOrNoExercise_Returns404(string path)
    {
        using var s3 = _s3.CreateClient();
        var function = await FunctionAsync(s3);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", path, "alice"));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
    }

    private async Task<Lambda.Http.HttpFunction> FunctionAsync(Amazon.S3.IAmazonS3 s3)
    {
        var table = await dynamo.CreateTableAsync();
        await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);
        return ExercisesFunction.Create(dynamo.Client, table, new CursorCodec("test-key-for-exercise-cursors"), TimeProvider.System, media: new MediaLinks(s3, Bucket, TimeProvider.System));
    }
}
