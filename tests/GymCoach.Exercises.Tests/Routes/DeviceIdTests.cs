using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests.Routes;

/// <summary>A custom exercise made offline under the device's id: its id is known before the server sees it, and a resend lands once.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DeviceIdTests(DynamoDbFixture dynamo)
{
    private const string DeviceId = "6F1C2B3A-4D5E-4F60-8A7B-9C0D1E2F3A4B";

    private static string Body(string name = "Landmine press") =>
        $$"""{"id":"{{DeviceId}}","name":"{{name}}","primaryMuscles":["quads"],"equipment":["kettlebell"],"instructions":["Lower for four seconds."]}""";

    [Fact]
    public async Task Create_WithTheDevicesIdTwice_IsOneExerciseUnderCustomAndTheLowerCaseId()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var first = await api.SendAsync("POST", "/exercises", body: Body());
        var again = await api.SendAsync("POST", "/exercises", body: Body());

        Assert.Equal(201, first.Status);
        Assert.Equal(201, again.Status);
        Assert.Equal("custom-" + DeviceId.ToLowerInvariant(), first.Json.GetProperty("id").GetString());
        Assert.Equal(first.Body, again.Body);
        var own = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "true" });
        Assert.Single(own.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(200, (await api.SendAsync("GET", "/exercises/custom-" + DeviceId.ToLowerInvariant())).Status);
    }

    [Fact]
    public async Task Create_AnotherExerciseUnderAUsedDeviceId_Is409WithTheStoredOne()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("POST", "/exercises", body: Body())).Status);

        var other = await api.SendAsync("POST", "/exercises", body: Body("Viking press"));

        Assert.Equal(409, other.Status);
        Assert.Equal("Landmine press", other.Json.GetProperty("current").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_WithAMalformedDeviceId_Is400NamingId()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var refused = await api.SendAsync("POST", "/exercises", body: Body().Replace(DeviceId, "../../etc", StringComparison.Ordinal));

        Assert.Equal(400, refused.Status);
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("id", out _), refused.Body);
    }
}
