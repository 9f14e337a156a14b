using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>A plan made offline under the device's id, then a workout uploaded that follows it.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DeviceIdPlansTests(DynamoDbFixture dynamo)
{
    private const string PlanId = "01KDZJ8Q5W3N6M2X4T7R9P0B1C";

    private static string Plan(string name = "Push A") =>
        $$"""{"id":"{{PlanId}}","name":"{{name}}","exercises":[{"exerciseId":"barbell-bench-press","sets":[{"reps":5,"weightKg":80}]}]}""";

    [Fact]
    public async Task CreatePlan_WithTheDevicesIdTwice_IsOnePlanAndAnUploadMayFollowIt()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var first = await api.SendAsync("POST", "/workouts/plans", body: Plan());
        var again = await api.SendAsync("POST", "/workouts/plans", body: Plan());
        var upload = await api.SendAsync("PUT", "/workouts/sessions/00000000-0000-4000-8000-0000000000e0", body: $$"""
            {"planId":"{{PlanId}}","startedAt":"2026-12-01T18:00:00-05:00","completedAt":"2026-12-01T19:00:00-05:00","exercises":[{"exerciseId":"barbell-bench-press","sets":[{"id":"00000000-0000-4000-8000-0000000000e1","reps":5,"weightKg":80}]}]}
            """);

        Assert.Equal((201, 201), (first.Status, again.Status));
        Assert.Equal(PlanId, first.Json.GetProperty("id").GetString());
        Assert.Equal(first.Body, again.Body);
        Assert.Single((await api.ExpectAsync(200, "GET", "/workouts/plans")).GetProperty("items").EnumerateArray());
        Assert.Equal(201, upload.Status);
        Assert.Equal("Push A", upload.Json.GetProperty("name").GetString());
        Assert.Equal(1, upload.Json.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public async Task CreatePlan_AnotherPlanUnderAUsedDeviceId_Is409WithTheStoredOne()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "POST", "/workouts/plans", Plan());

        var other = await api.SendAsync("POST", "/workouts/plans", body: Plan("Pull A"));

        Assert.Equal(409, other.Status);
        Assert.Equal("Push A", other.Json.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal("\"1\"", other.Header("etag"));
    }
}
