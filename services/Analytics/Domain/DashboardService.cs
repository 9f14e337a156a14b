using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data;
using GymCoach.Data;
using GymCoach.Data.Batching;

namespace GymCoach.Analytics.Domain;

/// <summary>
/// The home screen: one BatchGetItem of known keys (the summary, the profile) and, beside it, one Query of the
/// schedule from today for the next planned workout — two DynamoDB requests, sent together.
/// </summary>
public sealed class DashboardService
{
    /// <summary>How far ahead the next workout is looked for.</summary>
    public const int LookAheadDays = 31;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly BatchOptimizer _batch;
    private readonly TimeProvider _time;

    public DashboardService(IAmazonDynamoDB client, string table, BatchOptimizer batch, TimeProvider time)
    {
        _client = client;
        _table = table;
        _batch = batch;
        _time = time;
    }

    public async Task<DashboardResponse> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var summaryKey = new ItemKey(Keys.User(userId), Keys.AnalyticsSummary);
        var profileKey = new ItemKey(Keys.User(userId), Keys.ProfileSortKey);
        var readTask = _batch.GetAsync([summaryKey, profileKey], cancellationToken: cancellationToken);
        var nextTask = NextWorkoutAsync(userId, today, cancellationToken);
        var read = await readTask.ConfigureAwait(false);
        var next = await nextTask.ConfigureAwait(false);
        if (read.Failed.Count > 0)
        {
            throw new StoreBusyException("The dashboard could not be read; retry shortly.");
        }

        read.Items.TryGetValue(summaryKey, out var summaryItem);
        read.Items.TryGetValue(profileKey, out var profile);
        var summary = summaryItem is null ? AnalyticsSummary.Empty(WeekCalendar.DefaultStartDay) : AnalyticsItems.Read(summaryItem, AnalyticsJsonContext.Default.AnalyticsSummary);
        var thisWeek = WeekCalendar.WeekOf(today, WeekCalendar.Parse(summary.WeekStartDay));
        var weeks = summary.RecentWeeks.ToDictionary(w => w.WeekStart);
        return new DashboardResponse(
            profile.GetString("displayName"),
            profile.GetString("units") ?? "metric",
            summary.WeekStartDay,
            weeks.GetValueOrDefault(thisWeek) ?? EmptyWeek(thisWeek),
            weeks.GetValueOrDefault(thisWeek.AddDays(-7)) ?? EmptyWeek(thisWeek.AddDays(-7)),
            new DashboardStreak(summary.Streak.CurrentWeeks(thisWeek), summary.Streak.LongestWeeks, summary.Streak.LastWeek == thisWeek),
            new DashboardTotals(summary.Sessions, summary.VolumeKg, summary.DurationSeconds),
            summary.RecentRecords,
            summary.NewestAchievements,
            next,
            summary.Bodyweight,
            summaryItem.GetLong(AnalyticsItems.DataVersionAttribute) ?? 0);
    }

    private static WeekStats EmptyWeek(DateOnly start) => new(start, 0, 0, 0, 0, 0, new Dictionary<string, int>());

    private async Task<NextWorkoutResponse?> NextWorkoutAsync(string userId, DateOnly today, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
            FilterExpression = "#status = :planned",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey, ["#status"] = "status" },
            ExpressionAttributeValues = new()
            {
                [":pk"] = Attributes.S(Keys.User(userId)),
                [":from"] = Attributes.S(Keys.Schedule(Ulid.Lowest(from))),
                [":to"] = Attributes.S(Keys.Schedule(Ulid.Highest(from.AddDays(LookAheadDays)))),
                [":planned"] = Attributes.S("planned"),
            },
        };
        var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Items?.FirstOrDefault() is { } item
            ? new NextWorkoutResponse(item.GetRequiredString("id"), item.GetRequiredDate("date"), item.GetRequiredString("name"), item.GetString("planId"))
            : null;
    }
}
