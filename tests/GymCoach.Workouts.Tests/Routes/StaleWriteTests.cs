using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>A write based on an old version is 412 with the resource as it is now, so a device merges without another read.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class StaleWriteTests(DynamoDbFixture dynamo)
{
    private const string Plan = """{"name":"Push A","exercises":[{"exerciseId":"barbell-bench-press","sets":[{"reps":5,"weightKg":80}]}]}""";

    [Fact]
    public async Task ReplacePlan_WithAnOldVersion_Is412WithThePlanAsItIsNow()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString();
        await api.ExpectAsync(200, "PUT", "/workouts/plans/" + id, Plan.Replace("Push A", "Push A (watch)", StringComparison.Ordinal), headers: WorkoutsApi.IfMatch(1));

        var phone = await api.SendAsync("PUT", "/workouts/plans/" + id, body: Plan.Replace("Push A", "Push A (phone)", StringComparison.Ordinal), headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(412, phone.Status);
        Assert.Equal("\"2\"", phone.Header("etag"));
        Assert.Equal("Push A (watch)", phone.Json.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(2, phone.Json.GetProperty("current").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task DeletePlan_WithAnOldVersion_Is412WithThePlanAsItIsNow()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString();
        await api.ExpectAsync(200, "PUT", "/workouts/plans/" + id, Plan, headers: WorkoutsApi.IfMatch(1));

        var stale = await api.SendAsync("DELETE", "/workouts/plans/" + id, headers: WorkoutsApi.IfMatch(1));

        Assert.Equal(412, stale.Status);
        Assert.Equal(2, stale.Json.GetProperty("current").GetProperty("version").GetInt64());
        Assert.Equal(200, (await api.SendAsync("GET", "/workouts/plans/" + id)).Status);
    }

    [Fact]
    public async Task ReplacePlan_ThatIsGone_Is412WithoutACurrent()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var gone = await api.SendAsync("PUT", "/workouts/plans/01KDZJ8Q5W3N6M2X4T7R9P0B1C", body: Plan, headers: WorkoutsApi.IfMatch(1));

        Assert.True(gone.Status is 404 or 412, gone.Body);
        Assert.False(gone.Json.TryGetProperty("current", out _));
    }
}
