using System.Net;
using System.Text.Json;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>A whole workout through the local stack: the gateway's JWT check, the Workouts binary, DynamoDB Local with the seeded library.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class WorkoutSessionTests(LocalStackFixture local)
{
    [Fact]
    public async Task FullSession_FromAPlanFifteenSetsThenComplete_WorksAndIsNobodyElses()
    {
        var plan = await SendAsync(HttpMethod.Post, "/workouts/plans", "gina", """{"name":"Gina's Lower","exercises":[{"exerciseId":"barbell-back-squat","sets":[{"reps":5,"weightKg":80}]},{"exerciseId":"romanian-deadlift","sets":[{"repsMin":8,"repsMax":10,"weightKg":60}]}]}""");
        Assert.Equal(HttpStatusCode.Created, plan.Status);
        var session = await SendAsync(HttpMethod.Post, "/workouts/sessions", "gina", $$"""{"planId":"{{plan.Json.GetProperty("id").GetString()}}"}""", key: "gina-start");
        Assert.Equal(HttpStatusCode.Created, session.Status);
        var id = session.Json.GetProperty("id").GetString();

        for (var i = 0; i < 15; i++)
        {
            var exercise = i < 8 ? "barbell-back-squat" : "romanian-deadlift";
            var set = await SendAsync(HttpMethod.Post, $"/workouts/sessions/{id}/sets", "gina", $$"""{"exerciseId":"{{exercise}}","reps":5,"weightKg":80}""", key: "gina-set-" + i);
            Assert.True(set.Status == HttpStatusCode.Created, $"set {i}: {set.Status} {set.Json}");
        }

        var retried = await SendAsync(HttpMethod.Post, $"/workouts/sessions/{id}/sets", "gina", """{"exerciseId":"romanian-deadlift","reps":5,"weightKg":80}""", key: "gina-set-14");
        var completed = await SendAsync(HttpMethod.Post, $"/workouts/sessions/{id}/complete", "gina");
        var others = await SendAsync(HttpMethod.Get, "/workouts/sessions/" + id, "hank");
        var othersSet = await SendAsync(HttpMethod.Post, $"/workouts/sessions/{id}/sets", "hank", """{"exerciseId":"barbell-back-squat","reps":5}""");
        var squats = await SendAsync(HttpMethod.Get, "/workouts/exercises/barbell-back-squat/sets?limit=5", "gina");

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal("completed", completed.Json.GetProperty("status").GetString());
        Assert.Equal(15, completed.Json.GetProperty("totals").GetProperty("sets").GetInt64());
        Assert.Equal(15 * 5 * 80, completed.Json.GetProperty("totals").GetProperty("volumeKg").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, others.Status);
        Assert.Equal(HttpStatusCode.NotFound, othersSet.Status);
        Assert.Equal(5, squats.Json.GetProperty("items").GetArrayLength());
        Assert.True(squats.Json.TryGetProperty("nextCursor", out _));
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string sub, string? body = null, string? key = null)
    {
        using var request = local.Request(method, path, sub, body);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("idempotency-key", key);
        }

        using var response = await local.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
