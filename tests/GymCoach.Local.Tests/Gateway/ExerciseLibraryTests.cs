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
}
