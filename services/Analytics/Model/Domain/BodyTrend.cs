namespace GymCoach.Analytics.Domain;

/// <summary>The bodyweight trend: each measured day's weight and its 7-day moving average (trailing, over measured days).</summary>
public static class BodyTrend
{
    public const int WindowDays = 7;

    /// <summary>Points for the days from <paramref name="from"/> to <paramref name="to"/>; <paramref name="measurements"/> start 6 days earlier, for the window.</summary>
    public static List<BodyPoint> Points(IEnumerable<(DateOnly Date, double? WeightKg, double? BodyFatPct)> measurements, DateOnly from, DateOnly to)
    {
        var days = measurements.Where(m => m.WeightKg is not null)
            .GroupBy(m => m.Date)
            .OrderBy(g => g.Key)
            .Select(g => (Date: g.Key, Weight: g.Average(m => m.WeightKg!.Value), Fat: g.Select(m => m.BodyFatPct).LastOrDefault(f => f is not null)))
            .ToList();
        var points = new List<BodyPoint>();
        foreach (var day in days.Where(d => d.Date >= from && d.Date <= to))
        {
            var window = days.Where(d => d.Date > day.Date.AddDays(-WindowDays) && d.Date <= day.Date).Select(d => d.Weight);
            points.Add(new BodyPoint(day.Date, Round(day.Weight), Round(window.Average()), day.Fat));
        }

        return points;
    }

    private static double Round(double kg) => Math.Round(kg, 2, MidpointRounding.AwayFromZero);
}
