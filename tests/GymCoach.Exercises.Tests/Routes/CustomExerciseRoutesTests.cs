using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests.Routes;

/// <summary>A lifter's own exercises: created once, visible only to them, changed only under If-Match; the library stays read-only.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class CustomExerciseRoutesTests(DynamoDbFixture dynamo)
{
    private const string Body = """{"name":"Tempo Goblet Squat","primaryMuscles":["quads"],"equipment":["kettlebell"],"instructions":["Lower for four seconds.","Stand up fast."]}""";

    [Fact]
    public async Task Create_ThenReadAndList_OnlyTheOwnerSeesIt()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var created = await api.SendAsync("POST", "/exercises", body: Body);
        var id = created.Json.GetProperty("id").GetString()!;
        var own = await api.SendAsync("GET", "/exercises/" + id);
        var others = await api.SendAsync("GET", "/exercises/" + id, sub: "bob");
        var ownList = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "true" });
        var othersList = await api.SendAsync("GET", "/exercises", sub: "bob", query: new() { ["q"] = "tempo goblet" });
        var mixed = await api.SendAsync("GET", "/exercises", query: new() { ["q"] = "goblet squat" });

        Assert.Equal(201, created.Status);
        Assert.StartsWith("custom-", id, StringComparison.Ordinal);
        Assert.True(created.Json.GetProperty("isCustom").GetBoolean());
        Assert.Equal("\"1\"", created.Header("etag"));
        Assert.Equal("/exercises/" + id, created.Header("location"));
        Assert.Equal(200, own.Status);
        Assert.Equal(404, others.Status);
        Assert.Equal([id], ownList.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Empty(othersList.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(["goblet-squat", "kettlebell-goblet-squat", id], mixed.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Create_RetriedWithTheSameKey_StoresOneExercise()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        var key = new Dictionary<string, string> { ["idempotency-key"] = "ex-1" };

        var first = await api.SendAsync("POST", "/exercises", body: Body, headers: key);
        var retry = await api.SendAsync("POST", "/exercises", body: Body, headers: key);

        Assert.Equal(first.Json.GetProperty("id").GetString(), retry.Json.GetProperty("id").GetString());
        Assert.Equal("true", retry.Header("idempotent-replayed"));
        Assert.Single(await StoredItems.QueryAsync(dynamo.Client, api.Table, "alice", Keys.ExercisePrefix));
    }

    [Fact]
    public async Task Replace_OwnExercise_NeedsACurrentIfMatch()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        var id = (await api.SendAsync("POST", "/exercises", body: Body)).Json.GetProperty("id").GetString()!;
        var changed = Body.Replace("Tempo Goblet Squat", "Paused Goblet Squat", StringComparison.Ordinal);

        var blind = await api.SendAsync("PUT", "/exercises/" + id, body: changed);
        var replaced = await api.SendAsync("PUT", "/exercises/" + id, body: changed, headers: new() { ["if-match"] = "\"1\"" });
        var stale = await api.SendAsync("PUT", "/exercises/" + id, body: Body, headers: new() { ["if-match"] = "\"1\"" });
        var asOther = await api.SendAsync("PUT", "/exercises/" + id, sub: "bob", body: Body, headers: new() { ["if-match"] = "\"2\"" });

        Assert.Equal(428, blind.Status);
        Assert.Equal(200, replaced.Status);
        Assert.Equal("Paused Goblet Squat", replaced.Json.GetProperty("name").GetString());
        Assert.Equal("\"2\"", replaced.Header("etag"));
        Assert.Equal(412, stale.Status);
        Assert.Equal(404, asOther.Status);
        Assert.Equal("Paused Goblet Squat", (await api.SendAsync("GET", "/exercises/" + id)).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_OwnExercise_NeedsIfMatchAndThenItIsGone()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        var id = (await api.SendAsync("POST", "/exercises", body: Body)).Json.GetProperty("id").GetString()!;

        var blind = await api.SendAsync("DELETE", "/exercises/" + id);
        var asOther = await api.SendAsync("DELETE", "/exercises/" + id, sub: "bob", headers: new() { ["if-match"] = "\"1\"" });
        var deleted = await api.SendAsync("DELETE", "/exercises/" + id, headers: new() { ["if-match"] = "\"1\"" });
        var after = await api.SendAsync("GET", "/exercises/" + id);

        Assert.Equal(428, blind.Status);
        Assert.Equal(404, asOther.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, after.Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task ChangeLibraryExercise_Is403AndChangesNothing(string method)
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync(method, "/exercises/barbell-back-squat", body: method == "PUT" ? Body : null, headers: new() { ["if-match"] = "*" });

        Assert.Equal(403, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
        Assert.Equal("Barbell Back Squat", (await api.SendAsync("GET", "/exercises/barbell-back-squat")).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_InvalidFields_Returns400NamingEach()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("POST", "/exercises", body: """{"name":"","primaryMuscles":["pecs"],"equipment":["rope"],"category":"yoga","instructions":[""]}""");

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("name", errors);
        Assert.Contains("primaryMuscles[0]", errors);
        Assert.Contains("equipment[0]", errors);
        Assert.Contains("category", errors);
        Assert.Contains("instructions[0]", errors);
    }

    [Fact]
    public async Task List_WarmLibraryAndANewUser_MakesOneRequestThenNone()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var api = await ExercisesApi.CreateAsync(dynamo, client);
        await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "false" }); // warms the library
        var before = faults.Forwarded.Values.Sum();

        var libraryOnly = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "false", ["muscle"] = "chest" });
        var afterLibraryOnly = faults.Forwarded.Values.Sum();
        await api.SendAsync("GET", "/exercises", sub: "carol");
        var afterFirstMixed = faults.Forwarded.Values.Sum();
        await api.SendAsync("GET", "/exercises", sub: "carol", query: new() { ["q"] = "row" });

        Assert.Equal(200, libraryOnly.Status);
        // Every request also reads the account fence (one key-only GetItem); past that:
        Assert.Equal(1, afterLibraryOnly - before); // the fence only
        Assert.Equal(2, afterFirstMixed - afterLibraryOnly); // the caller's own exercises, one Query
        Assert.Equal(afterFirstMixed + 1, faults.Forwarded.Values.Sum()); // then cached
    }

    [Fact]
    public async Task ReplaceThenDelete_WithIfMatchStar_ApplyToWhateverExists()
    {
        // Found by the route-table safety net: If-Match: * used to send DynamoDB an empty value map (a 500).
        var api = await ExercisesApi.CreateAsync(dynamo);
        var id = (await api.SendAsync("POST", "/exercises", body: Body)).Json.GetProperty("id").GetString()!;

        var replaced = await api.SendAsync("PUT", "/exercises/" + id, body: Body, headers: new() { ["if-match"] = "*" });
        var deleted = await api.SendAsync("DELETE", "/exercises/" + id, headers: new() { ["if-match"] = "*" });

        Assert.Equal(200, replaced.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, (await api.SendAsync("GET", "/exercises/" + id)).Status);
    }

    [Fact]
    public async Task List_ItemAtTheCursorDeletedBetweenPages_ContinuesWithoutStoppingOrRepeating()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        foreach (var name in new[] { "Alpha Drill", "Bravo Drill", "Charlie Drill" })
        {
            Assert.Equal(201, (await api.SendAsync("POST", "/exercises", body: Body.Replace("Tempo Goblet Squat", name, StringComparison.Ordinal))).Status);
        }

        var first = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "true", ["limit"] = "1" });
        var alpha = first.Json.GetProperty("items")[0];
        Assert.Equal("Alpha Drill", alpha.GetProperty("name").GetString());
        Assert.Equal(204, (await api.SendAsync("DELETE", "/exercises/" + alpha.GetProperty("id").GetString(), headers: new() { ["if-match"] = "\"1\"" })).Status);
        var rest = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "true", ["limit"] = "5", ["cursor"] = first.Json.GetProperty("nextCursor").GetString()! });

        Assert.Equal(["Bravo Drill", "Charlie Drill"], rest.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("custom-")]
    [InlineData("custom-01ABCDEFGHJKMNPQRSTVWXYZ01")]
    public async Task Get_MalformedOrOverlongCustomId_Is404NotA500(string prefix)
    {
        var api = await ExercisesApi.CreateAsync(dynamo, seed: false);

        var response = await api.SendAsync("GET", "/exercises/" + prefix + new string('z', 1500));
        var put = await api.SendAsync("PUT", "/exercises/" + prefix + new string('z', 1500), body: Body, headers: new() { ["if-match"] = "*" });

        Assert.Equal(404, response.Status);
        Assert.Equal(404, put.Status);
    }
}
