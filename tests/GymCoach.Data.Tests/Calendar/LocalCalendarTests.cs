using System.Globalization;
using GymCoach.Data.Calendar;

namespace GymCoach.Data.Tests.Calendar;

public sealed class LocalCalendarTests
{
    [Theory]
    // New York, the night DST ends (1 Nov 2026, 02:00 EDT → 01:00 EST): the repeated hour stays on the 1st, midnight after it starts the 2nd.
    [InlineData("2026-11-01T05:30:00Z", "America/New_York", "2026-11-01")]
    [InlineData("2026-11-01T06:30:00Z", "America/New_York", "2026-11-01")]
    [InlineData("2026-11-02T04:59:59Z", "America/New_York", "2026-11-01")]
    [InlineData("2026-11-02T05:00:00Z", "America/New_York", "2026-11-02")]
    // Sydney, DST starts (4 Oct 2026, 02:00 AEST → 03:00 AEDT): midnight before is +10, midnight after is +11.
    [InlineData("2026-10-03T13:59:59Z", "Australia/Sydney", "2026-10-03")]
    [InlineData("2026-10-03T14:00:00Z", "Australia/Sydney", "2026-10-04")]
    [InlineData("2026-10-04T12:59:59Z", "Australia/Sydney", "2026-10-04")]
    [InlineData("2026-10-04T13:00:00Z", "Australia/Sydney", "2026-10-05")]
    // London, BST ends (25 Oct 2026): midnight is 23:00Z the day before in summer, 00:00Z after.
    [InlineData("2026-10-24T22:59:59Z", "Europe/London", "2026-10-24")]
    [InlineData("2026-10-24T23:00:00Z", "Europe/London", "2026-10-25")]
    [InlineData("2026-10-25T23:59:59Z", "Europe/London", "2026-10-25")]
    [InlineData("2026-10-26T00:00:00Z", "Europe/London", "2026-10-26")]
    public void DayOf_AroundLocalMidnightAcrossDst_IsTheLocalDate(string instant, string zone, string day)
    {
        Assert.Equal(DateOnly.Parse(day, CultureInfo.InvariantCulture), LocalCalendar.DayOf(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), zone));
    }

    [Theory]
    [InlineData("2026-11-01", "America/New_York", "2026-11-01T04:00:00Z")] // still EDT at midnight
    [InlineData("2026-11-02", "America/New_York", "2026-11-02T05:00:00Z")] // EST
    [InlineData("2026-10-04", "Australia/Sydney", "2026-10-03T14:00:00Z")] // AEST
    [InlineData("2026-10-05", "Australia/Sydney", "2026-10-04T13:00:00Z")] // AEDT
    [InlineData("2026-10-25", "Europe/London", "2026-10-24T23:00:00Z")]
    [InlineData("2026-03-08", "America/Havana", "2026-03-08T05:00:00Z")] // Cuba skips midnight itself: the day starts at 01:00 CDT
    public void StartOf_ADayAroundDst_IsItsFirstLocalMoment(string day, string zone, string instant)
    {
        Assert.Equal(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), LocalCalendar.StartOf(DateOnly.Parse(day, CultureInfo.InvariantCulture), zone));
    }

    [Fact]
    public void DayOf_WithAStatedOffset_IsThatOffsetsDateWhateverTheZone()
    {
        var tokyoMorning = DateTimeOffset.Parse("2026-12-06T23:30:00Z", CultureInfo.InvariantCulture);

        Assert.Equal(new DateOnly(2026, 12, 7), LocalCalendar.DayOf(tokyoMorning, TimeSpan.FromHours(9), "America/New_York"));
        Assert.Equal(new DateOnly(2026, 12, 6), LocalCalendar.DayOf(tokyoMorning, null, "America/New_York"));
    }

    [Theory]
    [InlineData("Australia/Sydney", true)]
    [InlineData("UTC", true)]
    [InlineData("Etc/GMT+5", true)]
    [InlineData("australia/sydney", false)]
    [InlineData("Australia/Sydney ", false)]
    [InlineData("Local", false)]
    [InlineData("", false)]
    public void IsZone_OnlyIanaIdsAsSpelt(string id, bool expected)
    {
        Assert.Equal(expected, LocalCalendar.IsZone(id));
    }

    [Theory]
    [InlineData("0001-01-01", "Pacific/Kiritimati")]
    [InlineData("1969-12-31", "Australia/Sydney")]
    [InlineData("1970-01-01", "Asia/Tokyo")] // east of UTC in 1970: its first day starts before the epoch
    [InlineData("9999-12-31", "Pacific/Pago_Pago")]
    [InlineData("9999-12-31", "Pacific/Kiritimati")]
    public void StartAndEndOf_DaysAtTheEndsOfTheCalendar_AreAnOrderedRangeFromTheEpoch(string day, string zone)
    {
        var date = DateOnly.Parse(day, CultureInfo.InvariantCulture);

        var start = LocalCalendar.StartOf(date, zone);
        var end = LocalCalendar.EndOf(date, zone);

        Assert.True(start >= DateTimeOffset.UnixEpoch, start.ToString(CultureInfo.InvariantCulture));
        Assert.True(end >= start, $"{start} … {end}");
    }
}
