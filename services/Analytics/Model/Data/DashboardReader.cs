using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data.Stored;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Data;

/// <summary>The lifter's name and units as the dashboard shows them (the profile's, through its contract).</summary>
public sealed record ProfileCard(string? DisplayName, string Units, string TimeZone = GymCoach.Data.Calendar.LocalCalendar.DefaultZone);

/// <summary>The next planned schedule entry (Workouts', through its contract).</summary>
public sealed record NextScheduled(string Id, DateOnly Date, string Name, string? PlanId);

/// <summary>
/// What the dashboard is made of, as read: the stored summary (null before the first derivation) and its data version,
/// the profile, and the planned workouts from the day before UTC's today, soonest first (the caller picks the first on
/// or after the lifter's today).
/// </summary>
public sealed record DashboardItems(AnalyticsSummary? Summary, long DataVersion, ProfileCard Profile, IReadOnlyList<NextScheduled> Planned);

/// <summary>
/// The home screen's reads: one BatchGetItem of known keys (the summary, the profile) and, beside it, one Query of
/// the schedule from today for the next planned workout — two DynamoDB requests, sent together. Other services'
/// items are read through their contracts, never by attribute names spelled here.
/// </summary>
public sealed class DashboardReader
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly BatchOptimizer _batch;

    public DashboardReader(IAmazonDynamoDB client, string table, BatchOptimizer batch)
    {
        _client = client;
        _table = table;
        _batch = batch;
    }

    public async Task<DashboardItems> ReadAsync(string userId, DateOnly today, int lookAheadDays, CancellationToken cancellationToken)
    {
        var summaryKey = new ItemKey(Keys.User(userId), Keys.AnalyticsSummary);
        var profileKey = new ItemKey(Keys.User(userId), Keys.ProfileSortKey);
        var readTask = _batch.GetAsync([summaryKey, profileKey], cancellationToken: cancellationToken);
        var nextTask = NextPlannedAsync(userId, today, lookAheadDays, cancellationToken);
        var read = await readTask.ConfigureAwait(false);
        var next = await nextTask.ConfigureAwait(false);
        if (read.Failed.Count > 0)
        {
            throw new StoreBusyException("The dashboard could not be read; retry shortly.");
        }

        read.Items.TryGetValue(summaryKey, out var summary);
        read.Items.TryGetValue(profileKey, out var profile);
        return new DashboardItems(
            summary is null ? null : AnalyticsItems.Read(summary, AnalyticsStoreJsonContext.Default.StoredSummary).ToDomain(),
            summary.GetLong(AnalyticsItems.DataVersionAttribute) ?? 0,
            new ProfileCard(
                profile.GetString(ProfileContract.DisplayName),
                profile.GetString(ProfileContract.Units) ?? ProfileContract.DefaultUnits,
                profile.GetString(ProfileContract.TimeZone) ?? GymCoach.Data.Calendar.LocalCalendar.DefaultZone),
            next);
    }

    private async Task<List<NextScheduled>> NextPlannedAsync(string userId, DateOnly today, int lookAheadDays, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
            FilterExpression = "#status = :planned",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey, ["#status"] = ScheduledWorkoutContract.Status },
            ExpressionAttributeValues = new()
            {
                [":pk"] = Attributes.S(Keys.User(userId)),
                [":from"] = Attributes.S(Keys.Schedule(Ulid.Lowest(from))),
                [":to"] = Attributes.S(Keys.Schedule(Ulid.Highest(from.AddDays(lookAheadDays)))),
                [":planned"] = Attributes.S(ScheduledWorkoutContract.Planned),
            },
        };
        var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        // All of the page: some may be on the day before the lifter's today (read because UTC's can be ahead of theirs).
        return (response.Items ?? []).Select(item => new NextScheduled(
                item.GetRequiredString(ScheduledWorkoutContract.Id),
                item.GetRequiredDate(ScheduledWorkoutContract.Date),
                item.GetRequiredString(ScheduledWorkoutContract.Name),
                item.GetString(ScheduledWorkoutContract.PlanId)))
            .ToList();
    }
}
