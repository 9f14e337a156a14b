using System.Text.Json;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class PlanRoutesTests(DynamoDbFixture dynamo)
{
    private const string Plan = """{"name":"Lower A","notes":"Heavy","exercises":[{"exerciseId":"barbell-back-squat","sets":[{"repsMin":5,"repsMax":8,"weightKg":100,"restSeconds":180},{"reps":5,"weightKg":105}]},{"exerciseId":"deadlift","sets":[{"reps":3,"weightKg":140}]}]}""";

    [Fact]
    public async Task Create_ThenGetAndList_ReturnsThePlanWithItsTargets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);

        var created = await api.ExpectAsync(201, "POST", "/workouts/plans", Plan);
        var id = created.GetProperty("id").GetString()!;
        var read = await api.ExpectAsync(200, "GET", "/workouts/plans/" + id);
        var list = await api.ExpectAsync(200, "GET", "/workouts/plans");

        Assert.Equal("Lower A", read.GetProperty("name").GetString());
        Assert.Equal(2, read.GetProperty("exercises").GetArrayLength());
        Assert.Equal(8, read.GetProperty("exercises")[0].GetProperty("sets")[0].GetProperty("repsMax").GetInt32());
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_UnknownExercises_Returns400NamingEachAndStoresNothing()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var body = """{"name":"Typos","exercises":[{"exerciseId":"barbell-back-squat"},{"exerciseId":"barbel-bench-press"},{"exerciseId":"custom-01jd0000000000000000000000"}]}""";

        var response = await api.SendAsync("POST", "/workouts/plans", body: body);

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("exercises[1].exerciseId", out _), response.Body);
        Assert.True(errors.TryGetProperty("exercises[2].exerciseId", out _), response.Body);
        Assert.False(errors.TryGetProperty("exercises[0].exerciseId", out _), response.Body);
        Assert.Empty(await api.StoredAsync("alice", Keys.PlanPrefix));
    }

    [Fact]
    public async Task Create_OverTheLimits_Returns400NamingTheLists()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var tooManyExercises = JsonSerializer.Serialize(new { name = "Marathon", exercises = Enumerable.Range(0, 51).Select(_ => new { exerciseId = "deadlift" }) });
        var tooManySets = JsonSerializer.Serialize(new { name = "Volume", exercises = new[] { new { exerciseId = "deadlift", sets = Enumerable.Range(0, 21).Select(_ => new { reps = 5 }) } } });

        var exercises = await api.SendAsync("POST", "/workouts/plans", body: tooManyExercises);
        var sets = await api.SendAsync("POST", "/workouts/plans", body: tooManySets);

        Assert.Equal(400, exercises.Status);
        Assert.Contains("At most 50", exercises.Json.GetProperty("errors").GetProperty("exercises")[0].GetString());
        Assert.Equal(400, sets.Status);
        Assert.Contains("At most 20", sets.Json.GetProperty("errors").GetProperty("exercises[0].sets")[0].GetString());
    }

    [Fact]
    public async Task Create_CheckingManyExercises_IsOneBatchedRead()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2);
        var api = await WorkoutsApi.CreateAsync(dynamo, client);

        await api.ExpectAsync(201, "POST", "/workouts/plans", Plan);

        Assert.Equal(1, faults.Forwarded.GetValueOrDefault("BatchGetItem"));
        Assert.Equal(1, faults.Forwarded.GetValueOrDefault("GetItem")); // the account fence's read, no exercise read one by one
    }

    [Fact]
    public async Task Replace_WithoutIfMatch_Returns428ThenWithItReplaces()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString()!;
        var path = "/workouts/plans/" + id;
        var renamed = Plan.Replace("Lower A", "Lower B", StringComparison.Ordinal);

        await api.ExpectAsync(428, "PUT", path, renamed);
        await api.ExpectAsync(412, "PUT", path, renamed, headers: WorkoutsApi.IfMatch(7));
        var replaced = await api.ExpectAsync(200, "PUT", path, renamed, headers: WorkoutsApi.IfMatch(1));

        Assert.Equal("Lower B", replaced.GetProperty("name").GetString());
        Assert.Equal(2, replaced.GetProperty("version").GetInt64());
        Assert.Equal("Lower B", (await api.ExpectAsync(200, "GET", path)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Copy_APlan_CreatesAnotherWithTheSameTargets()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString()!;

        var copy = await api.ExpectAsync(201, "POST", $"/workouts/plans/{id}/copy", headers: WorkoutsApi.Key("copy-1"));
        var again = await api.ExpectAsync(201, "POST", $"/workouts/plans/{id}/copy", headers: WorkoutsApi.Key("copy-1"));

        Assert.NotEqual(id, copy.GetProperty("id").GetString());
        Assert.Equal("Lower A (copy)", copy.GetProperty("name").GetString());
        Assert.Equal(copy.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(2, (await api.StoredAsync("alice", Keys.PlanPrefix)).Count);
    }

    [Fact]
    public async Task Delete_AnotherUsersPlan_Returns404AndKeepsIt()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        var id = (await api.ExpectAsync(201, "POST", "/workouts/plans", Plan)).GetProperty("id").GetString()!;

        await api.ExpectAsync(404, "DELETE", "/workouts/plans/" + id, sub: "mallory", headers: WorkoutsApi.IfMatch(1));
        await api.ExpectAsync(404, "POST", $"/workouts/plans/{id}/copy", sub: "mallory");
        await api.ExpectAsync(204, "DELETE", "/workouts/plans/" + id, headers: WorkoutsApi.IfMatch(1));

        Assert.Empty(await api.StoredAsync("alice", Keys.PlanPrefix));
    }
}
