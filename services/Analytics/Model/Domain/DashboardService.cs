using GymCoach.Data.Calendar;
using GymCoach.Analytics.Data;

namespace GymCoach.Analytics.Domain;

/// <summary>
/// The home screen, from what <see cref="DashboardReader"/> reads in two requests sent together: this week and
/// the last, the streak, totals, recent records and achievements from the stored summary; the lifter's name and
/// units; the next planned workout.
/// </summary>
public sealed class DashboardService
{
    /// <summary>How far ahead the next workout is looked for.</summary>
    public const int LookAheadDays = 31;

    private readonly DashboardReader _reader;
    private readonly TimeProvider _time;

    public DashboardService(DashboardReader reader, TimeProvider time)
    {
        _reader = reader;
        _time = time;
    }

    public async Task<DashboardResponse> GetAsync(string userId, CancellationToken cancellationToken)
    {
        // Today is the lifter's: read from the day before UTC's (no zone is further behind) and settled once the zone is read.
        var now = _time.GetUtcNow();
        var read = await _reader.ReadAsync(userId, DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), LookAheadDays + 1, cancellationToken).ConfigureAwait(false);
        var summary = read.Summary ?? AnalyticsSummary.Empty(WeekCalendar.DefaultStartDay);
        var today = LocalCalendar.DayOf(now, read.Profile.TimeZone);
        var next = read.Planned.FirstOrDefault(p => p.Date >= today);
        var thisWeek = WeekCalendar.WeekOf(today, WeekCalendar.Parse(summary.WeekStartDay));
        var weeks = summary.RecentWeeks.ToDictionary(w => w.WeekStart);
        return new DashboardResponse(
            read.Profile.DisplayName,
            read.Profile.Units,
            summary.WeekStartDay,
            weeks.GetValueOrDefault(thisWeek) ?? EmptyWeek(thisWeek),
            weeks.GetValueOrDefault(thisWeek.AddDays(-7)) ?? EmptyWeek(thisWeek.AddDays(-7)),
            new DashboardStreak(summary.Streak.CurrentWeeks(thisWeek), summary.Streak.LongestWeeks, summary.Streak.LastWeek == thisWeek),
            new DashboardTotals(summary.Sessions, summary.VolumeKg, summary.DurationSeconds),
            summary.RecentRecords,
            summary.NewestAchievements,
            next is not null ? new NextWorkoutResponse(next.Id, next.Date, next.Name, next.PlanId) : null,
            summary.Bodyweight,
            read.DataVersion);
    }

    private static WeekStats EmptyWeek(DateOnly start) => new(start, 0, 0, 0, 0, 0, new Dictionary<string, int>());
}
