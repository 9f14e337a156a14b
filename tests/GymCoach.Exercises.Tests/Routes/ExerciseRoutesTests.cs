using GymCoach.Exercises.Domain;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests.Routes;

/// <summary>Browsing the seeded library through the handler, against DynamoDB Local.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class ExerciseRoutesTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task List_ByMuscle_ReturnsOnlyExercisesWorkingItInNameOrder()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "chest", ["limit"] = "100" });

        Assert.Equal(200, response.Status);
        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, e => e.GetProperty("id").GetString() == "barbell-bench-press");
        Assert.All(items, e => Assert.Contains("chest", e.GetProperty("primaryMuscles").EnumerateArray().Concat(e.GetProperty("secondaryMuscles").EnumerateArray()).Select(m => m.GetString())));
        var names = items.Select(e => e.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
        Assert.All(items, e => Assert.False(e.GetProperty("isCustom").GetBoolean()));
    }

    [Fact]
    public async Task List_FiltersCombine()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "quads", ["equipment"] = "barbell", ["category"] = "strength", ["limit"] = "100" });

        var items = response.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, e => e.GetProperty("id").GetString() == "barbell-back-squat");
        Assert.DoesNotContain(items, e => e.GetProperty("id").GetString() == "goblet-squat");
        Assert.All(items, e => Assert.Contains("barbell", e.GetProperty("equipment").EnumerateArray().Select(x => x.GetString())));
        Assert.All(items, e => Assert.Equal("strength", e.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task List_PageByPage_VisitsEveryExerciseOnceInAStableOrder()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        var seen = new List<string>();
        string? cursor = null;

        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "37" };
            if (cursor is not null)
            {
                query["cursor"] = cursor;
            }

            var page = await api.SendAsync("GET", "/exercises", query: query);
            Assert.Equal(200, page.Status);
            seen.AddRange(page.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.Json.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal(LibraryFile.Embedded().Exercises.Count, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task List_WarmInstance_AnswersWithOnlyTheAccountFenceRead()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var api = await ExercisesApi.CreateAsync(dynamo, client);

        var cold = await api.SendAsync("GET", "/exercises", query: new() { ["custom"] = "false" });
        var queriesAfterCold = faults.Forwarded.GetValueOrDefault("Query");
        var warm = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "lats", ["custom"] = "false" });
        var warmById = await api.SendAsync("GET", "/exercises/pull-up");

        Assert.Equal(200, cold.Status);
        Assert.Equal(200, warm.Status);
        Assert.Equal(200, warmById.Status);
        Assert.Equal(1, queriesAfterCold); // the library in one Query
        Assert.Equal(1, faults.Forwarded.GetValueOrDefault("Query")); // nothing more once warm
        Assert.Equal(3, faults.Forwarded.GetValueOrDefault("GetItem")); // but the account fence's key read, once a request
        Assert.Equal(4, faults.Forwarded.Values.Sum());
    }

    [Fact]
    public async Task List_ColdInstanceFilteredByMuscle_ReadsOneFacetThroughTheIndex()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var api = await ExercisesApi.CreateAsync(dynamo, client);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "calves", ["limit"] = "100", ["custom"] = "false" });
        var again = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "calves", ["q"] = "seated", ["custom"] = "false" });

        Assert.Equal(200, response.Status);
        Assert.Equal(200, again.Status);
        Assert.Equal(1, faults.Forwarded["Query"]); // the facet is cached: an instance serving only filtered lists is warm too
        Assert.Contains(response.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == "standing-calf-raise");
    }

    [Fact]
    public async Task Get_KnownId_ReturnsTheExerciseWithItsInstructions()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises/conventional-deadlift");

        Assert.Equal(200, response.Status);
        Assert.Equal("Conventional Deadlift", response.Json.GetProperty("name").GetString());
        Assert.True(response.Json.GetProperty("instructions").GetArrayLength() >= 3);
        Assert.Equal("hinge", response.Json.GetProperty("force").GetString());
    }

    [Theory]
    [InlineData("no-such-exercise")]
    [InlineData("USER#alice")]
    [InlineData("..")]
    public async Task Get_UnknownId_Returns404(string id)
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises/" + Uri.EscapeDataString(id));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
    }

    [Fact]
    public async Task List_UnknownVocabulary_Returns400NamingEachParameter()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "pecs", ["equipment"] = "rope", ["category"] = "yoga" });

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("muscle", out _));
        Assert.True(errors.TryGetProperty("equipment", out _));
        Assert.True(errors.TryGetProperty("category", out _));
    }

    [Fact]
    public async Task List_RetiredEntry_IsNotListedButStillAnswersById()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);
        var shorter = LibraryFile.Embedded();
        shorter.Exercises.RemoveAll(e => e.Id == "wall-sit");
        await ExercisesApi.Seeder(dynamo.Client, api.Table, () => shorter).SeedAsync(default);

        var list = await api.SendAsync("GET", "/exercises", query: new() { ["muscle"] = "quads", ["limit"] = "100" });
        var byId = await api.SendAsync("GET", "/exercises/wall-sit");

        Assert.DoesNotContain(list.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == "wall-sit");
        Assert.Equal(200, byId.Status);
        Assert.True(byId.Json.GetProperty("retired").GetBoolean());
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("Bénch pr")]
    [InlineData("PRESS bench")]
    public async Task List_SearchByNameWords_FindsTheBenchPresses(string q)
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["q"] = q, ["limit"] = "100" });

        Assert.Equal(200, response.Status);
        var ids = response.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains("barbell-bench-press", ids);
        Assert.Contains("incline-barbell-bench-press", ids);
        Assert.DoesNotContain("barbell-back-squat", ids);
    }

    [Fact]
    public async Task List_SearchCombinedWithAFilter_AppliesBoth()
    {
        var api = await ExercisesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/exercises", query: new() { ["q"] = "squat", ["equipment"] = "kettlebell" });

        var ids = response.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(["kettlebell-goblet-squat"], ids);
    }
}
