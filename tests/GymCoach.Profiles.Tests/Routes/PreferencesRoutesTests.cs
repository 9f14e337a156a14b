using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class PreferencesRoutesTests(DynamoDbFixture dynamo)
{
    private const string Sunday = """{"weekStartDay":"sunday","defaultRestSeconds":120,"weightIncrement":{"kg":1.25,"lb":2.5},"notifications":{"weeklySummary":false},"photoPrivacy":"coach"}""";

    [Fact]
    public async Task GetPreferences_NeverSet_ReturnsDefaultsWithoutETag()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/profiles/me/preferences");

        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("etag"));
        var body = response.Json;
        Assert.True(body.GetProperty("isDefault").GetBoolean());
        Assert.Equal("monday", body.GetProperty("weekStartDay").GetString());
        Assert.Equal(90, body.GetProperty("defaultRestSeconds").GetInt32());
        Assert.Equal(2.5, body.GetProperty("weightIncrement").GetProperty("kg").GetDouble());
        Assert.Equal("private", body.GetProperty("photoPrivacy").GetString());
    }

    [Fact]
    public async Task PutPreferences_FirstThenReplace_CreatesThenNeedsIfMatch()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var created = await api.SendAsync("PUT", "/profiles/me/preferences", body: Sunday);
        var blind = await api.SendAsync("PUT", "/profiles/me/preferences", body: """{"weekStartDay":"monday"}""");
        var stale = await api.SendAsync("PUT", "/profiles/me/preferences", body: """{"weekStartDay":"monday"}""", headers: new() { ["if-match"] = "\"7\"" });
        var replaced = await api.SendAsync("PUT", "/profiles/me/preferences", body: """{"weekStartDay":"tuesday"}""", headers: new() { ["if-match"] = "\"1\"" });
        var read = await api.SendAsync("GET", "/profiles/me/preferences");

        Assert.Equal(201, created.Status);
        Assert.Equal("\"1\"", created.Header("etag"));
        Assert.False(created.Json.GetProperty("notifications").GetProperty("weeklySummary").GetBoolean());
        Assert.True(created.Json.GetProperty("notifications").GetProperty("workoutReminders").GetBoolean());
        Assert.Equal(428, blind.Status);
        Assert.Equal(412, stale.Status);
        Assert.Equal(200, replaced.Status);
        Assert.Equal("\"2\"", read.Header("etag"));
        Assert.Equal("tuesday", read.Json.GetProperty("weekStartDay").GetString());
        Assert.Equal(90, read.Json.GetProperty("defaultRestSeconds").GetInt32()); // left out: back to its default
        Assert.False(read.Json.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task PutPreferences_WeekStart_IsWhatAnalyticsReads()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        await api.SendAsync("PUT", "/profiles/me/preferences", body: Sunday);

        var item = Assert.Single(await api.StoredItemsAsync("alice", "PREFERENCES"));
        Assert.Equal("sunday", item["weekStartDay"].S);
    }

    [Theory]
    [InlineData("""{"weekStartDay":"Sunday"}""", "weekStartDay")]
    [InlineData("""{"defaultRestSeconds":-1}""", "defaultRestSeconds")]
    [InlineData("""{"defaultRestSeconds":1801}""", "defaultRestSeconds")]
    [InlineData("""{"weightIncrement":{"kg":0.3}}""", "weightIncrement.kg")]
    [InlineData("""{"weightIncrement":{"lb":0}}""", "weightIncrement.lb")]
    [InlineData("""{"photoPrivacy":"public"}""", "photoPrivacy")]
    public async Task PutPreferences_InvalidField_Returns400NamingItAndStoresNothing(string body, string field)
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me/preferences", body: body);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
        Assert.Empty(await api.StoredItemsAsync("alice", "PREFERENCES"));
    }

    [Fact]
    public async Task PutPreferences_UnknownNestedField_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me/preferences", body: """{"notifications":{"sms":true}}""");

        Assert.Equal(400, response.Status);
    }
}
