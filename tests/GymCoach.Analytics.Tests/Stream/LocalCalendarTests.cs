using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>Days, weeks, "this week" and the streak are the lifter's local ones: their profile's zone, or a workout's own stated offset.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class LocalCalendarTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task SydneyLifter_MondayMorningSession_CountsOnThatMondaysWeek()
    {
        // Monday 30 November 2026, 07:30 in Sydney (AEDT, +11) is still Sunday in UTC.
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-29T20:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", "syd", """{"displayName":"Syd","timeZone":"Australia/Sydney"}""");

        await loop.TrainAsync("syd", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();

        Assert.Equal([new DateOnly(2026, 11, 30)], await WeekStartsAsync(loop, "syd"));
        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard", "syd");
        Assert.Equal("2026-11-30", dashboard.GetProperty("thisWeek").GetProperty("weekStart").GetString());
        Assert.Equal(1, dashboard.GetProperty("thisWeek").GetProperty("sessions").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("streak").GetProperty("currentWeeks").GetInt32());
    }

    [Fact]
    public async Task LosAngelesLifter_SundayEveningSession_CountsInTheWeekThatEndsThatSunday()
    {
        // Sunday 29 November 2026, 18:00 in Los Angeles (PST, -8) is Monday in UTC.
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-30T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", "la", """{"displayName":"LA","timeZone":"America/Los_Angeles"}""");

        await loop.TrainAsync("la", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();

        Assert.Equal([new DateOnly(2026, 11, 23)], await WeekStartsAsync(loop, "la"));
        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard", "la");
        Assert.Equal("2026-11-23", dashboard.GetProperty("thisWeek").GetProperty("weekStart").GetString());
    }

    [Fact]
    public async Task WorkoutWithItsOwnOffset_CountsOnItsLocalDayWhateverTheProfilesZone()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", "nyc", """{"displayName":"NYC","timeZone":"America/New_York"}""");

        // Monday 7 December, 08:00 in Tokyo: still Sunday 6 December in New York and in UTC.
        await loop.ExpectAsync(loop.Workouts, 201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-0000000000aa", "nyc", """
            {"startedAt":"2026-12-07T08:00:00+09:00","completedAt":"2026-12-07T09:00:00+09:00","exercises":[{"exerciseId":"barbell-back-squat","sets":[{"id":"00000000-0000-4000-8000-0000000000ab","reps":5,"weightKg":100}]}]}
            """);
        await loop.SettleAsync();

        Assert.Equal([new DateOnly(2026, 12, 7)], await WeekStartsAsync(loop, "nyc"));
    }

    [Fact]
    public async Task PutProfile_NewTimeZone_MovesServerDatedSessionsToTheirNewDaysAndWeeks()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-29T20:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, time: clock);
        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", "mover", """{"displayName":"Mover"}""");
        await loop.TrainAsync("mover", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();
        Assert.Equal([new DateOnly(2026, 11, 23)], await WeekStartsAsync(loop, "mover")); // Sunday in UTC

        await loop.ExpectAsync(loop.Profiles, 200, "PUT", "/profiles/me", "mover", """{"displayName":"Mover","timeZone":"Australia/Sydney"}""", headers: new() { ["if-match"] = "\"1\"" });
        await loop.SettleAsync();

        Assert.Equal([new DateOnly(2026, 11, 30)], await WeekStartsAsync(loop, "mover")); // Monday in Sydney
        var dashboard = await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard", "mover");
        Assert.Equal(1, dashboard.GetProperty("thisWeek").GetProperty("sessions").GetInt32());
    }

    private static async Task<List<DateOnly>> WeekStartsAsync(AnalyticsLoop loop, string sub) =>
        (await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, sub, Keys.AnalyticsWeekPrefix))
            .Select(i => DateOnly.ParseExact(i[Keys.SortKey].S[Keys.AnalyticsWeekPrefix.Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
