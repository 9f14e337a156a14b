using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Contracts;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>A list's from/to are days of the lifter's profile zone, not UTC's.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class LocalDaysTests(DynamoDbFixture dynamo)
{
    // Monday 30 November, 07:00 in Sydney: Sunday 29 November, 20:00 UTC.
    private const string MondayMorningInSydney = """
        {"startedAt":"2026-11-30T07:00:00+11:00","completedAt":"2026-11-30T08:00:00+11:00","exercises":[{"exerciseId":"deadlift","sets":[{"id":"00000000-0000-4000-8000-0000000000d1","reps":3,"weightKg":150,"performedAt":"2026-11-30T07:10:00+11:00"}]}]}
        """;

    [Fact]
    public async Task HistoryAndExerciseSets_FromToOfASydneyLifter_AreSydneyDays()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await ZoneAsync(api, "alice", "Australia/Sydney");
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-0000000000d0", MondayMorningInSydney);

        var monday = new Dictionary<string, string> { ["from"] = "2026-11-30", ["to"] = "2026-11-30" };
        var sunday = new Dictionary<string, string> { ["from"] = "2026-11-29", ["to"] = "2026-11-29" };

        Assert.Equal(1, (await api.ExpectAsync(200, "GET", "/workouts/sessions", query: monday)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await api.ExpectAsync(200, "GET", "/workouts/sessions", query: sunday)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await api.ExpectAsync(200, "GET", "/workouts/exercises/deadlift/sets", query: monday)).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await api.ExpectAsync(200, "GET", "/workouts/exercises/deadlift/sets", query: sunday)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task History_FromToOfALifterWithoutAZone_AreUtcDays()
    {
        var api = await WorkoutsApi.CreateAsync(dynamo);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-0000000000d0", MondayMorningInSydney);

        var sunday = new Dictionary<string, string> { ["from"] = "2026-11-29", ["to"] = "2026-11-29" };

        Assert.Equal(1, (await api.ExpectAsync(200, "GET", "/workouts/sessions", query: sunday)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await api.ExpectAsync(200, "GET", "/workouts/exercises/deadlift/sets", query: sunday)).GetProperty("items").GetArrayLength());
    }

    /// <summary>The profile as Profiles stores it, with only what Workouts reads of it.</summary>
    private static Task ZoneAsync(WorkoutsApi api, string sub, string zone) =>
        api.Server.PutItemAsync(new PutItemRequest
        {
            TableName = api.Table,
            Item = new()
            {
                [Keys.PartitionKey] = new AttributeValue { S = Keys.User(sub) },
                [Keys.SortKey] = new AttributeValue { S = Keys.ProfileSortKey },
                [Keys.EntityType] = new AttributeValue { S = EntityTypes.Profile },
                [ProfileContract.TimeZone] = new AttributeValue { S = zone },
            },
        });
}
