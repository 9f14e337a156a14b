using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class ProfileTimeZoneTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Put_WithoutATimeZone_IsUtc()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var put = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""");

        Assert.Equal(201, put.Status);
        Assert.Equal("UTC", put.Json.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Put_AnIanaZone_IsStoredAndKeptByAReplaceThatDoesNotNameOne()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada","timeZone":"Australia/Sydney"}""");

        // An app that predates the field replaces the profile without it: the lifter's zone stays.
        var older = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada L."}""", headers: new() { ["if-match"] = "\"1\"" });
        var moved = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada L.","timeZone":"America/New_York"}""", headers: new() { ["if-match"] = "\"2\"" });

        Assert.Equal("Australia/Sydney", older.Json.GetProperty("timeZone").GetString());
        Assert.Equal("America/New_York", moved.Json.GetProperty("timeZone").GetString());
        Assert.Equal("America/New_York", (await api.SendAsync("GET", "/profiles/me")).Json.GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("australia/sydney")]
    [InlineData("+11:00")]
    [InlineData("")]
    public async Task Put_NotAnIanaZone_Is400NamingTimeZone(string zone)
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var put = await api.SendAsync("PUT", "/profiles/me", body: $$"""{"displayName":"Ada","timeZone":"{{zone}}"}""");

        Assert.Equal(400, put.Status);
        Assert.True(put.Json.GetProperty("errors").TryGetProperty("timeZone", out _), put.Body);
    }
}
