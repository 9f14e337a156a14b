using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class ScheduleRoutesTests(DynamoDbFixture dynamo)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task List_ARange_ReturnsTheEntriesOfThoseDaysInDateOrder()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        foreach (var offset in new[] { 9, 1, 3, -1 })
        {
            await api.ExpectAsync(201, "POST", "/workouts/schedule", $$"""{"date":"{{Day(offset)}}","name":"Day {{offset}}"}""");
        }

        var week = await api.ExpectAsync(200, "GET", "/workouts/schedule", query: new() { ["from"] = Day(0), ["to"] = Day(6) });

        Assert.Equal(["Day 1", "Day 3"], week.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
    }

    [Fact]
    public async Task List_RangeOverAQuarter_Returns400()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/workouts/schedule", query: new() { ["from"] = Day(0), ["to"] = Day(120) });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task StartSession_FromAScheduledPlan_CopiesItsTargetsAndMarksItDoneOnce()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var plan = (await api.ExpectAsync(201, "POST", "/workouts/plans", """{"name":"Pull","exercises":[{"exerciseId":"pull-up","sets":[{"reps":8}]}]}""")).GetProperty("id").GetString();
        var entry = (await api.ExpectAsync(201, "POST", "/workouts/schedule", $$"""{"date":"{{Day(0)}}","planId":"{{plan}}"}""")).GetProperty("id").GetString();

        var session = await api.ExpectAsync(201, "POST", "/workouts/sessions", $$"""{"scheduledId":"{{entry}}"}""");
        var second = await api.SendAsync("POST", "/workouts/sessions", body: $$"""{"scheduledId":"{{entry}}"}""");
        var calendar = await api.ExpectAsync(200, "GET", "/workouts/schedule", query: new() { ["from"] = Day(0), ["to"] = Day(0) });

        Assert.Equal("Pull", session.GetProperty("name").GetString());
        Assert.Equal(plan, session.GetProperty("planId").GetString());
        Assert.Equal("pull-up", session.GetProperty("targets")[0].GetProperty("exerciseId").GetString());
        Assert.Equal(409, second.Status);
        var done = Assert.Single(calendar.GetProperty("items").EnumerateArray());
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(session.GetProperty("id").GetString(), done.GetProperty("sessionId").GetString());
        Assert.Single(await api.StoredAsync("alice", Keys.SessionPrefix));
    }

    [Fact]
    public async Task Delete_NeedsIfMatchAndIsOnlyTheOwners()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/schedule", $$"""{"date":"{{Day(2)}}","name":"Cardio"}""")).GetProperty("id").GetString();

        await api.ExpectAsync(404, "DELETE", "/workouts/schedule/" + id, sub: "mallory", headers: WorkoutsApi.IfMatch(1));
        await api.ExpectAsync(428, "DELETE", "/workouts/schedule/" + id);
        await api.ExpectAsync(204, "DELETE", "/workouts/schedule/" + id, headers: WorkoutsApi.IfMatch(1));

        Assert.Empty(await api.StoredAsync("alice", Keys.SchedulePrefix));
    }

    [Theory]
    [InlineData("/workouts/schedule", "from")]
    [InlineData("/workouts/schedule", "to")]
    [InlineData("/workouts/sessions", "to")]
    [InlineData("/workouts/exercises/deadlift/sets", "to")]
    public async Task List_DayAtTheEndOfTheCalendar_Returns400NamingIt(string path, string parameter)
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", path, query: new() { [parameter] = "9999-12-31" });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(parameter, out _), response.Body);
    }
}
