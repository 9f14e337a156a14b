using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class ProfileRoutesTests(DynamoDbFixture dynamo)
{
    private const string ValidProfile = """
        {"displayName":"Ada","units":"metric","birthDate":"1990-05-17","heightCm":171.5,"experienceLevel":"intermediate",
         "goals":["strength","hypertrophy"],"equipment":["barbell","squat-rack"]}
        """;

    [Fact]
    public async Task GetMe_NoProfileYet_Returns404Problem()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
    }

    [Fact]
    public async Task PutThenGet_NewProfile_RoundTripsWithETag()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var put = await api.SendAsync("PUT", "/profiles/me", body: ValidProfile);
        var get = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(201, put.Status);
        Assert.Equal("\"1\"", put.Header("etag"));
        Assert.Equal(200, get.Status);
        Assert.Equal("\"1\"", get.Header("etag"));
        var profile = get.Json;
        Assert.Equal("alice", profile.GetProperty("userId").GetString());
        Assert.Equal("Ada", profile.GetProperty("displayName").GetString());
        Assert.Equal("1990-05-17", profile.GetProperty("birthDate").GetString());
        Assert.Equal(171.5, profile.GetProperty("heightCm").GetDouble());
        Assert.Equal(["strength", "hypertrophy"], profile.GetProperty("goals").EnumerateArray().Select(g => g.GetString()));
        Assert.EndsWith("Z", profile.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ExistingProfileWithIfMatch_Returns200AndReplacesFields()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Status);

        var put = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada L."}""", headers: new() { ["if-match"] = "\"1\"" });

        Assert.Equal(200, put.Status);
        Assert.Equal("\"2\"", put.Header("etag"));
        Assert.Equal("Ada L.", put.Json.GetProperty("displayName").GetString());
        Assert.False(put.Json.TryGetProperty("heightCm", out _));
        Assert.Empty(put.Json.GetProperty("goals").EnumerateArray());
    }

    [Fact]
    public async Task Put_StaleIfMatch_Returns412AndKeepsTheStoredProfile()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await api.SendAsync("PUT", "/profiles/me", body: ValidProfile);
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Second"}""", headers: new() { ["if-match"] = "\"1\"" });

        var stale = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Stale"}""", headers: new() { ["if-match"] = "\"1\"" });
        var get = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(412, stale.Status);
        Assert.Equal("Second", get.Json.GetProperty("displayName").GetString());
        Assert.Equal("\"2\"", get.Header("etag"));
    }

    [Fact]
    public async Task Put_ExistingProfileWithoutIfMatch_Returns428AndKeepsTheStoredProfile()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Status);

        var blind = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Blind"}""");
        var get = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(428, blind.Status);
        Assert.Equal("application/problem+json", blind.Header("content-type"));
        Assert.Equal("Ada", get.Json.GetProperty("displayName").GetString());
        Assert.Equal(171.5, get.Json.GetProperty("heightCm").GetDouble());
        Assert.Equal("\"1\"", get.Header("etag"));
    }

    [Fact]
    public async Task Put_IfNoneMatchStarWhenTheProfileExists_Returns412()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Status);

        var response = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Again"}""", headers: new() { ["if-none-match"] = "*" });

        Assert.Equal(412, response.Status);
        Assert.Equal("Ada", (await api.SendAsync("GET", "/profiles/me")).Json.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Put_IfNoneMatchStarWithoutProfile_Returns201()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me", body: ValidProfile, headers: new() { ["if-none-match"] = "*" });

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Put_WeakIfMatchOfTheCurrentVersion_Returns412()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal("\"1\"", (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Header("etag"));

        var response = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Weak"}""", headers: new() { ["if-match"] = "W/\"1\"" });

        Assert.Equal(412, response.Status);
        Assert.Equal("Ada", (await api.SendAsync("GET", "/profiles/me")).Json.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Put_IfMatchStarWithoutProfile_Returns412()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me", body: ValidProfile, headers: new() { ["if-match"] = "*" });

        Assert.Equal(412, response.Status);
        Assert.Equal(404, (await api.SendAsync("GET", "/profiles/me")).Status);
    }

    [Fact]
    public async Task Put_IfMatchWithoutProfile_Returns412()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me", body: ValidProfile, headers: new() { ["if-match"] = "\"1\"" });

        Assert.Equal(412, response.Status);
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentVersion_Returns304()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await api.SendAsync("PUT", "/profiles/me", body: ValidProfile);

        var response = await api.SendAsync("GET", "/profiles/me", headers: new() { ["if-none-match"] = "\"1\"" });

        Assert.Equal(304, response.Status);
    }

    [Fact]
    public async Task Put_InvalidFields_Returns400NamingEveryOne()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var body = """
            {"displayName":"","units":"stones","birthDate":"2020-01-01","heightCm":400,"experienceLevel":"guru",
             "goals":["strength","flying"],"equipment":["barbell", null]}
            """;

        var response = await api.SendAsync("PUT", "/profiles/me", body: body);

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors");
        foreach (var field in new[] { "displayName", "units", "birthDate", "heightCm", "experienceLevel", "goals[1]", "equipment[1]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {response.Body}");
        }

        Assert.Equal(404, (await api.SendAsync("GET", "/profiles/me")).Status);
    }

    [Fact]
    public async Task Put_NumberOutOfTypeRange_Returns400NamingTheField()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"A","heightCm":"tall"}""");

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("heightCm", out _));
    }

    [Fact]
    public async Task Get_AnotherUsersProfile_IsNeverVisible()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", sub: "alice", body: ValidProfile)).Status);

        var bob = await api.SendAsync("GET", "/profiles/me", sub: "bob");
        var bobPut = await api.SendAsync("PUT", "/profiles/me", sub: "bob", body: """{"displayName":"Bob"}""");
        var alice = await api.SendAsync("GET", "/profiles/me", sub: "alice");

        Assert.Equal(404, bob.Status);
        Assert.Equal(201, bobPut.Status);
        Assert.Equal("Ada", alice.Json.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task AnyRoute_NoSubClaim_Returns401()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("PUT", "/profiles/me", sub: null, body: ValidProfile);

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task Put_MistypedFieldName_Returns400NamingItAndKeepsTheStoredField()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Status);

        var typo = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada","heightCM":172,"goalz":[]}""", headers: new() { ["if-match"] = "\"1\"" });
        var get = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(400, typo.Status);
        Assert.Equal(["goalz", "heightCM"], typo.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(171.5, get.Json.GetProperty("heightCm").GetDouble());
    }

    [Fact]
    public async Task Get_StoredProfileWithAnUnreadableBirthDate_Is500AndLogged()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await dynamo.Client.PutItemAsync(api.Table, new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>
        {
            ["PK"] = new() { S = "USER#alice" },
            ["SK"] = new() { S = "PROFILE" },
            ["userId"] = new() { S = "alice" },
            ["displayName"] = new() { S = "Ada" },
            ["birthDate"] = new() { S = "17/05/1990" },
            ["version"] = new() { N = "1" },
            ["createdAt"] = new() { S = "2026-10-01T00:00:00.000Z" },
            ["updatedAt"] = new() { S = "2026-10-01T00:00:00.000Z" },
        });

        var response = await api.SendAsync("GET", "/profiles/me");

        Assert.Equal(500, response.Status);
        Assert.Contains(api.Log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal) && l.Contains("unreadable date", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(200)]
    public async Task AnyRoute_OversizedSubject_Returns401AndWritesNothing(int length)
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var sub = new string('a', length);

        var response = await api.SendAsync("PUT", "/profiles/me", sub: sub, body: ValidProfile);
        var everything = await dynamo.Client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = api.Table, ConsistentRead = true });

        Assert.Equal(401, response.Status);
        Assert.Empty(everything.Items ?? []);
    }

    [Fact]
    public async Task Put_RepresentationSentBackAsRead_IsAcceptedWithItsServerFieldsIgnored()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var created = await api.SendAsync("PUT", "/profiles/me", body: ValidProfile);
        Assert.Equal(201, created.Status);
        var sentBack = created.Body.Replace("\"displayName\":\"Ada\"", "\"displayName\":\"Ada L.\"", StringComparison.Ordinal).Replace("\"userId\":\"alice\"", "\"userId\":\"bob\"", StringComparison.Ordinal);

        var put = await api.SendAsync("PUT", "/profiles/me", body: sentBack, headers: new() { ["if-match"] = "\"1\"" });

        Assert.Equal(200, put.Status);
        Assert.Equal("Ada L.", put.Json.GetProperty("displayName").GetString());
        Assert.Equal("alice", put.Json.GetProperty("userId").GetString());
        Assert.Equal(2, put.Json.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Put_IfMatchListNamingTheCurrentVersion_Returns200()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        Assert.Equal(201, (await api.SendAsync("PUT", "/profiles/me", body: ValidProfile)).Status);

        var response = await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Listed"}""", headers: new() { ["if-match"] = "\"5\", W/\"1\", \"1\"" });

        Assert.Equal(200, response.Status);
        Assert.Equal("\"2\"", response.Header("etag"));
    }
}
