using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>
/// The analytics loop through the local stack: a session completed through the API reaches the Analytics stream
/// binary through the emulated event source mapping (the template's filter, batch size and failure rules), and the
/// dashboard, records and achievements show it within seconds — and only to its owner.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class AnalyticsLoopTests(LocalStackFixture local)
{
    [Fact]
    public async Task CompletedSession_ReachesDashboardRecordsAndAchievementsWithinSeconds_AndNobodyElse()
    {
        var session = (await SendAsync(HttpMethod.Post, "/workouts/sessions", "ivy", """{"name":"Push"}""")).Json.GetProperty("id").GetString();
        foreach (var kg in new[] { 60, 70, 80 })
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, $"/workouts/sessions/{session}/sets", "ivy", $$"""{"exerciseId":"barbell-bench-press","reps":5,"weightKg":{{kg}}}""")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/workouts/sessions/{session}/complete", "ivy")).Status);
        var clock = Stopwatch.StartNew();
        JsonElement dashboard;
        do
        {
            await Task.Delay(50);
            dashboard = (await SendAsync(HttpMethod.Get, "/analytics/dashboard", "ivy")).Json;
        }
        while (dashboard.GetProperty("totals").GetProperty("sessions").GetInt32() == 0 && clock.Elapsed < TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the dashboard showed the session after {clock.Elapsed}");
        Assert.Equal(1, dashboard.GetProperty("thisWeek").GetProperty("sessions").GetInt32());
        Assert.Equal(5 * (60 + 70 + 80), dashboard.GetProperty("thisWeek").GetProperty("volumeKg").GetDouble());
        var records = (await SendAsync(HttpMethod.Get, "/analytics/records", "ivy")).Json.GetProperty("items");
        Assert.Equal(80, records.EnumerateArray().Single(r => r.GetProperty("exerciseId").GetString() == "barbell-bench-press").GetProperty("heaviest").GetProperty("value").GetDouble());
        var earned = (await SendAsync(HttpMethod.Get, "/analytics/achievements", "ivy")).Json.GetProperty("earned");
        Assert.Contains(earned.EnumerateArray(), a => a.GetProperty("code").GetString() == "first-session");

        var other = (await SendAsync(HttpMethod.Get, "/analytics/dashboard", "jude")).Json;
        Assert.Equal(0, other.GetProperty("totals").GetProperty("sessions").GetInt32());
        Assert.Empty((await SendAsync(HttpMethod.Get, "/analytics/records", "jude")).Json.GetProperty("items").EnumerateArray());
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string sub, string? body = null)
    {
        using var request = local.Request(method, path, sub, body);
        using var response = await local.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
