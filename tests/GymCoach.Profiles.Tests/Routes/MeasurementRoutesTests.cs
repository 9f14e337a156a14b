using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class MeasurementRoutesTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Post_ValidMeasurement_Returns201WithId()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-01","weightKg":82.4,"bodyFatPct":18,"girths":{"waistCm":84}}""");

        Assert.Equal(201, response.Status);
        Assert.Equal(26, response.Json.GetProperty("id").GetString()!.Length);
        Assert.Equal(84, response.Json.GetProperty("girths").GetProperty("waistCm").GetDouble());
    }

    [Fact]
    public async Task Post_PastTheDaysCap_Answers409CollectionFullAndOtherDaysStillTakeOne()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var cap = GymCoach.Data.Writes.CollectionCaps.MeasurementsPerDay.Max;
        for (var i = 0; i < cap; i++)
        {
            Assert.Equal(201, (await api.SendAsync("POST", "/profiles/me/measurements", body: "{\"date\":\"2026-11-02\",\"weightKg\":" + (80 + i) + "}")).Status);
        }

        var full = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-02","weightKg":79}""");
        var nextDay = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-03","weightKg":79}""");

        Assert.Equal(409, full.Status);
        Assert.Equal("https://api.gymcoach.app/problems/collection-full", full.Json.GetProperty("type").GetString());
        Assert.Contains($"at most {cap} measurements on one day", full.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(cap, (await api.StoredItemsAsync("alice", Keys.MeasurementFrom(new DateOnly(2026, 11, 2)))).Count);
        Assert.Equal(201, nextDay.Status);
    }

    [Fact]
    public async Task Post_InvalidMeasurement_Returns400NamingEveryField()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"3000-01-01","weightKg":5,"bodyFatPct":90,"girths":{"armCm":1}}""");

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors");
        foreach (var field in new[] { "date", "weightKg", "bodyFatPct", "girths.armCm" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {response.Body}");
        }
    }

    [Fact]
    public async Task List_ManyPages_WalksNewestFirstWithoutGapsOrRepeats()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        for (var day = 1; day <= 7; day++)
        {
            Assert.Equal(201, (await api.SendAsync("POST", "/profiles/me/measurements", body: $$"""{"date":"2026-10-{{day:00}}","weightKg":{{80 + day}}}""")).Status);
        }

        var dates = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["limit"] = "3" };
            if (cursor is not null)
            {
                query["cursor"] = cursor;
            }

            var page = await api.SendAsync("GET", "/profiles/me/measurements", query: query);
            Assert.Equal(200, page.Status);
            dates.AddRange(page.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()!));
            cursor = page.Json.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(["2026-10-07", "2026-10-06", "2026-10-05", "2026-10-04", "2026-10-03", "2026-10-02", "2026-10-01"], dates);
    }

    [Fact]
    public async Task List_FromTo_ReturnsOnlyThatRange()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        foreach (var date in new[] { "2026-09-30", "2026-10-01", "2026-10-15", "2026-10-31", "2026-11-01" })
        {
            await api.SendAsync("POST", "/profiles/me/measurements", body: $$"""{"date":"{{date}}","weightKg":80}""");
        }

        var page = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["from"] = "2026-10-01", ["to"] = "2026-10-31" });

        Assert.Equal(["2026-10-31", "2026-10-15", "2026-10-01"], page.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task List_AnotherUsersCursor_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        for (var i = 0; i < 3; i++)
        {
            await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-10-01","weightKg":80}""");
        }

        var alicePage = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["limit"] = "1" });
        Assert.Equal(200, alicePage.Status);
        var cursor = alicePage.Json.GetProperty("nextCursor").GetString()!;

        var bob = await api.SendAsync("GET", "/profiles/me/measurements", sub: "bob", query: new() { ["cursor"] = cursor });
        var tampered = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["cursor"] = "x" + cursor });

        Assert.Equal(400, bob.Status);
        Assert.True(bob.Json.GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.Equal(400, tampered.Status);
    }

    [Fact]
    public async Task List_BadQueryParameters_Returns400NamingEach()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var response = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["limit"] = "1000", ["from"] = "yesterday" });

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task List_OtherUsersMeasurements_AreNotIncluded()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var aliceWrite = await api.SendAsync("POST", "/profiles/me/measurements", sub: "alice", body: """{"date":"2026-10-01","weightKg":60}""");
        Assert.Equal(201, aliceWrite.Status); // there is something of Alice's to leak
        Assert.Single(await api.StoredItemsAsync("alice", "MEASUREMENT#"));

        var bob = await api.SendAsync("GET", "/profiles/me/measurements", sub: "bob");

        Assert.Empty(bob.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task List_CursorSignedWithTheRealKeyButPointingIntoAnotherPartition_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var bobWrite = await api.SendAsync("POST", "/profiles/me/measurements", sub: "bob", body: """{"date":"2026-10-01","weightKg":60}""");
        Assert.Equal(201, bobWrite.Status);
        var forged = new CursorCodec("test-key").Encode(
            new() { ["PK"] = new AttributeValue { S = "USER#bob" }, ["SK"] = new AttributeValue { S = "MEASUREMENT#2026-12-31#Z" } }, "alice", "measurements||");

        var response = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["cursor"] = forged! });

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain("USER#bob", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_CursorSignedWithTheRealKeyOutsideTheQueryRange_Returns400()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        var forged = new CursorCodec("test-key").Encode(
            new() { ["PK"] = new AttributeValue { S = "USER#alice" }, ["SK"] = new AttributeValue { S = "MEASUREMENT#1999-01-01#Z" } }, "alice", "measurements|2026-01-01|2026-02-01");
        var genuine = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["from"] = "2026-01-01", ["to"] = "2026-02-01" });
        Assert.Equal(200, genuine.Status);

        var response = await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["cursor"] = forged!, ["from"] = "2026-01-01", ["to"] = "2026-02-01" });

        Assert.Equal(400, response.Status);
        Assert.Equal("The cursor is not valid.", response.Json.GetProperty("detail").GetString()); // not "another query": the binding matched, the range did not
    }

    [Fact]
    public async Task List_StoredMeasurementWithAnUnreadableDate_Is500AndLogged()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await dynamo.Client.PutItemAsync(api.Table, new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "USER#alice" },
            ["SK"] = new() { S = "MEASUREMENT#2026-10-01#01JCORRUPT" },
            ["entity"] = new() { S = EntityTypes.Measurement },
            ["id"] = new() { S = "01JCORRUPT" },
            ["date"] = new() { S = "2026-13-45" },
            ["weightKg"] = new() { N = "80" },
            ["createdAt"] = new() { S = "2026-10-01T00:00:00.000Z" },
        });

        var response = await api.SendAsync("GET", "/profiles/me/measurements");

        Assert.Equal(500, response.Status);
        Assert.Contains(api.Log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal) && l.Contains("unreadable date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WeightsInAnyOrder_LatestWeightItemHoldsTheNewestByDate()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-10","weightKg":80}""");
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-01","weightKg":83}"""); // backdated: older
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-12","bodyFatPct":15}"""); // no weight

        Assert.Equal((80.0, "2026-11-10"), await LatestAsync(api, "alice"));
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-11","weightKg":79.5}""");
        Assert.Equal((79.5, "2026-11-11"), await LatestAsync(api, "alice"));
    }

    [Fact]
    public async Task Post_TenWeighInsAtOnce_LatestWeightIsTheNewest()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);

        var answers = await Task.WhenAll(Enumerable.Range(1, 10).Select(day => api.SendAsync("POST", "/profiles/me/measurements", body: $$"""{"date":"2026-11-{{day:D2}}","weightKg":{{70 + day}}}""")));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Equal((80.0, "2026-11-10"), await LatestAsync(api, "alice"));
    }

    [Fact]
    public async Task Post_AccountWhoseWeightsPredateTheItem_FindsItsNewestWeightOnce()
    {
        var api = await ProfilesApi.CreateAsync(dynamo);
        foreach (var (date, kg) in new[] { (new DateOnly(2026, 10, 1), "90"), (new DateOnly(2026, 10, 5), "88") })
        {
            await dynamo.Client.PutItemAsync(api.Table, new()
            {
                [Keys.PartitionKey] = new AttributeValue(Keys.User("alice")),
                [Keys.SortKey] = new AttributeValue(Keys.Measurement(date, "01JAAAAAAAAAAAAAAAAAAAAAA" + date.Day)),
                ["entity"] = new AttributeValue(EntityTypes.Measurement),
                ["id"] = new AttributeValue("01JAAAAAAAAAAAAAAAAAAAAAA" + date.Day),
                ["date"] = new AttributeValue(date.ToString("yyyy-MM-dd")),
                ["createdAt"] = new AttributeValue("2026-10-05T00:00:00Z"),
                ["weightKg"] = new AttributeValue { N = kg },
            });
        }

        Assert.Null(await LatestAsync(api, "alice"));
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"2026-11-01","bodyFatPct":17}""");

        Assert.Equal((88.0, "2026-10-05"), await LatestAsync(api, "alice"));
    }

    private async Task<(double, string)?> LatestAsync(ProfilesApi api, string user)
    {
        var item = (await api.StoredItemsAsync(user, Keys.LatestWeight)).SingleOrDefault();
        return item is null ? null : (double.Parse(item["weightKg"].N, System.Globalization.CultureInfo.InvariantCulture), item["date"].S);
    }
}
