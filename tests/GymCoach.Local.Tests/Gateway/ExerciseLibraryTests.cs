using System.Net;
using System.Text.Json;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>The exercise library through the local stack: seeded at start-up by the template's custom resource.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ExerciseLibraryTests(LocalStackFixture local)
{
    [Fact]
    public void StackStart_RunsTheLibrarySeedAsCloudFormationWould()
    {
        Assert.Contains(local.Lines, l => l.Contains("[custom] ExerciseLibrary: SUCCESS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListExercises_WithADevToken_AnswersFromTheSeededLibrary()
    {
        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/exercises?muscle=chest&limit=100"));
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(page.RootElement.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == "barbell-bench-press");
    }

    [Fact]
    public async Task GetExercise_WithoutAToken_Is401FromTheGateway()
    {
        using var response = await local.Http.GetAsync("/exercises/barbell-back-squat");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CustomExerciseAndMedia_ThroughTheGatewayWithADevToken_Work()
    {
        using var created = await local.Http.SendAsync(local.Request(HttpMethod.Post, "/exercises", "dana", """{"name":"Dana's Sled Sprint","primaryMuscles":["quads"],"equipment":["sled"],"category":"conditioning"}"""));
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = createdBody.RootElement.GetProperty("id").GetString()!;
        using var own = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/exercises/" + id, "dana"));
        using var others = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/exercises/" + id, "erin"));
        using var media = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/exercises/barbell-back-squat/media", "dana"));
        using var mediaBody = JsonDocument.Parse(await media.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.StartsWith("http://127.0.0.1:", mediaBody.RootElement.GetProperty("items")[0].GetProperty("url").GetString(), StringComparison.Ordinal); // signed for the local S3
    }

    [Fact]
    public async Task ReplaceAndDeleteOwnExercise_ThroughTheGateway_NeedIfMatchAndWork()
    {
        const string Body = """{"name":"Frank's Carry","primaryMuscles":["forearms"],"equipment":["kettlebell"],"category":"conditioning"}""";
        using var created = await local.Http.SendAsync(local.Request(HttpMethod.Post, "/exercises", "frank", Body));
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var path = "/exercises/" + createdBody.RootElement.GetProperty("id").GetString();

        using var blind = await local.Http.SendAsync(local.Request(HttpMethod.Put, path, "frank", Body));
        using var replace = local.Request(HttpMethod.Put, path, "frank", Body.Replace("Frank's Carry", "Frank's Long Carry", StringComparison.Ordinal));
        replace.Headers.TryAddWithoutValidation("if-match", "\"1\"");
        using var replaced = await local.Http.SendAsync(replace);
        using var library = local.Request(HttpMethod.Delete, "/exercises/farmers-carry", "frank");
        library.Headers.TryAddWithoutValidation("if-match", "*");
        using var forbidden = await local.Http.SendAsync(library);
        using var delete = local.Request(HttpMethod.Delete, path, "frank");
        delete.Headers.TryAddWithoutValidation("if-match", "\"2\"");
        using var deleted = await local.Http.SendAsync(delete);
        using var gone = await local.Http.SendAsync(local.Request(HttpMethod.Get, path, "frank"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
