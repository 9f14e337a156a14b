using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>Preferences written through Profiles reach Analytics through the template's filter: a new week start regroups the weeks at once.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PreferencesChangeTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task PutPreferences_NewWeekStart_RegroupsTheWeeksWithoutAnotherWorkout()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("wes", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();
        var monday = Assert.Single(await WeekStartsAsync(loop));
        Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);

        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me/preferences", "wes", """{"weekStartDay":"sunday"}""");
        await loop.SettleAsync();

        var sunday = Assert.Single(await WeekStartsAsync(loop));
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
    }

    private static async Task<List<DateOnly>> WeekStartsAsync(AnalyticsLoop loop) =>
        (await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "wes", Keys.AnalyticsWeekPrefix))
            .Select(i => DateOnly.ParseExact(i[Keys.SortKey].S[Keys.AnalyticsWeekPrefix.Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
