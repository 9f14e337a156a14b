using GymCoach.Analytics.Domain;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;

namespace GymCoach.Analytics.Routes;

/// <summary>HTTP mapping of the read side: dashboard, records, achievements and the series.</summary>
public static class AnalyticsRoutes
{
    public static readonly RouteSpec Dashboard = new("GET /analytics/dashboard", "GetDashboard")
    {
        Summary = "The home screen in one request: this and last week, streak, recent PRs, newest achievements, next scheduled workout.",
        ResponseBody = AnalyticsJsonContext.Default.DashboardResponse,
    };

    public static readonly RouteSpec Records = new("GET /analytics/records", "ListRecords")
    {
        Summary = "Personal records per exercise (heaviest, best e1RM by Epley, best set volume, most reps at each weight), most recently trained first.",
        ResponseBody = AnalyticsJsonContext.Default.RecordsResponse,
    };

    public static readonly RouteSpec AchievementList = new("GET /analytics/achievements", "ListAchievements")
    {
        Summary = "Achievements earned (newest first, each with the date earned) and the ones still available.",
        ResponseBody = AnalyticsJsonContext.Default.AchievementsResponse,
    };

    public static readonly RouteSpec Progress = new("GET /analytics/exercises/{exerciseId}/progress", "GetExerciseProgress")
    {
        Summary = "One exercise's estimated 1RM, top weight and volume per training day, from its set history (completed sessions).",
        ResponseBody = AnalyticsJsonContext.Default.ProgressResponse,
        Query =
        [
            new("from", "date", "First day, inclusive (YYYY-MM-DD; default a year before to)."),
            new("to", "date", $"Last day, inclusive (default today; at most {SeriesService.MaxRangeDays} days after from)."),
        ],
    };

    public static readonly RouteSpec Volume = new("GET /analytics/volume", "GetVolume")
    {
        Summary = "Working sets per muscle group, volume and sessions for each of the last weeks (the user's week start).",
        ResponseBody = AnalyticsJsonContext.Default.VolumeResponse,
        Query = [new("weeks", "integer", $"How many weeks, ending with this one: 1–{SeriesService.MaxWeeks} (default 12).")],
    };

    public static readonly RouteSpec Body = new("GET /analytics/body", "GetBodyTrend")
    {
        Summary = "Bodyweight per measured day with its 7-day moving average.",
        ResponseBody = AnalyticsJsonContext.Default.BodyResponse,
        Query =
        [
            new("from", "date", "First day, inclusive (default 90 days before to)."),
            new("to", "date", "Last day, inclusive (default today)."),
        ],
    };

    public static void Map(Router router, DashboardService dashboard, RecordService records, SeriesService series)
    {
        router.Map(Dashboard, async request =>
            HttpResult.Ok(await dashboard.GetAsync(request.UserId, request.CancellationToken).ConfigureAwait(false), AnalyticsJsonContext.Default.DashboardResponse));

        router.Map(Records, async request =>
        {
            var items = await records.RecordsAsync(request.UserId, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(new RecordsResponse(items), AnalyticsJsonContext.Default.RecordsResponse);
        });

        router.Map(AchievementList, async request =>
            HttpResult.Ok(await records.AchievementsAsync(request.UserId, request.CancellationToken).ConfigureAwait(false), AnalyticsJsonContext.Default.AchievementsResponse));

        router.Map(Progress, async request =>
        {
            var exerciseId = request.PathParameter("exerciseId");
            var (from, to) = Range(request, await TodayAsync(request, series).ConfigureAwait(false), 365);
            var progress = await series.ProgressAsync(request.UserId, exerciseId, from, to, DefaultRange(request), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(progress, AnalyticsJsonContext.Default.ProgressResponse);
        });

        router.Map(Volume, async request =>
        {
            var errors = new ValidationErrors();
            var weeks = 12;
            if (request.Query("weeks") is { } raw && (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out weeks) || weeks < 1 || weeks > SeriesService.MaxWeeks))
            {
                errors.Add("weeks", $"Must be a whole number from 1 to {SeriesService.MaxWeeks}.");
            }

            errors.ThrowIfAny();
            return HttpResult.Ok(await series.VolumeAsync(request.UserId, weeks, request.CancellationToken).ConfigureAwait(false), AnalyticsJsonContext.Default.VolumeResponse);
        });

        router.Map(Body, async request =>
        {
            var (from, to) = Range(request, await TodayAsync(request, series).ConfigureAwait(false), 90);
            return HttpResult.Ok(await series.BodyAsync(request.UserId, from, to, DefaultRange(request), request.CancellationToken).ConfigureAwait(false), AnalyticsJsonContext.Default.BodyResponse);
        });
    }

    /// <summary>Today where the lifter is, read only when a range leaves its end to the default (an explicit to needs no zone).</summary>
    private static async Task<DateOnly> TodayAsync(HttpRequestContext request, SeriesService series) =>
        request.Query("to") is null ? await series.TodayAsync(request.UserId, request.CancellationToken).ConfigureAwait(false) : default;

    /// <summary>Whether the request asks for the default range (the one the app shows), the only one worth the table cache.</summary>
    private static bool DefaultRange(HttpRequestContext request) => request.Query("from") is null && request.Query("to") is null;

    /// <summary>from/to as days, with defaults, ordered and at most <see cref="SeriesService.MaxRangeDays"/> apart.</summary>
    private static (DateOnly From, DateOnly To) Range(HttpRequestContext request, DateOnly today, int defaultDays)
    {
        var errors = new ValidationErrors();
        var from = QueryParameters.Date(request, "from", errors);
        var to = QueryParameters.Date(request, "to", errors);
        errors.ThrowIfAny();
        var end = to ?? today;
        var start = from ?? DateOnly.FromDayNumber(Math.Max(end.DayNumber - defaultDays, DateOnly.MinValue.DayNumber + 7));
        if (start > end)
        {
            errors.Add("from", "Must not be after to.");
        }
        else if (end.DayNumber - start.DayNumber > SeriesService.MaxRangeDays)
        {
            errors.Add("to", $"Must be at most {SeriesService.MaxRangeDays} days after from.");
        }
        else if (start.DayNumber < DateOnly.MinValue.DayNumber + 7)
        {
            errors.Add("from", "Must be a later day.");
        }

        errors.ThrowIfAny();
        return (start, end);
    }
}
