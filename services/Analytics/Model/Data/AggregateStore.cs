using GymCoach.Data.Contracts;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Lambda.Text;
using GymCoach.Analytics.Data.Stored;

namespace GymCoach.Analytics.Data;

/// <summary>
/// What an update starts from: the summary with the version every cached series is stamped with, the week start,
/// whether the account is being deleted (nothing may be written for it), and the latest-weight item Profiles keeps
/// (<c>LatestWeightKnown</c> false when the account has none yet: its measurements predate it).
/// </summary>
public sealed record SummaryState(AnalyticsSummary? Summary, long DataVersion, string WeekStartDay, bool Deleting = false, Bodyweight? LatestWeight = null, bool LatestWeightKnown = false, int SummaryDerivation = Derivation.Unversioned)
{
    /// <summary>The lifter's time zone, from their profile.</summary>
    public string TimeZone { get; init; } = GymCoach.Data.Calendar.LocalCalendar.DefaultZone;
}

/// <summary>A user's digests, and which of them an older digest formula derived.</summary>
public sealed record StoredDigests(Dictionary<string, SessionDigest> Digests, IReadOnlyList<string> Stale);

/// <summary>
/// The one repository of Analytics' derived items in the user's partition (<c>ANALYTICS#…</c>): digests, weeks,
/// records, achievements and the summary.
/// </summary>
public sealed class AggregateStore
{
    /// <summary>When the summary was last saved: the series wait for it to settle before caching in the table.</summary>
    public const string UpdatedAtAttribute = "updatedAt";

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly BatchOptimizer _batch;

    public AggregateStore(IAmazonDynamoDB client, string table, BatchOptimizer batch)
    {
        _client = client;
        _table = table;
        _batch = batch;
    }

    /// <summary>The lifter's time zone alone (one GetItem of one attribute): what a rebuild's segment dates its digests in.</summary>
    public Task<string> ZoneAsync(string userId, CancellationToken cancellationToken) =>
        new GymCoach.Data.Calendar.LifterZones(_client, _table).OfAsync(userId, cancellationToken);

    /// <summary>The summary (with its data version) and the user's week start, in one BatchGetItem.</summary>
    public async Task<SummaryState> StateAsync(string userId, CancellationToken cancellationToken)
    {
        var summaryKey = new ItemKey(Keys.User(userId), Keys.AnalyticsSummary);
        var preferencesKey = new ItemKey(Keys.User(userId), Keys.PreferencesSortKey);
        var deletionKey = new ItemKey(Keys.User(userId), Keys.AccountDeletion);
        var weightKey = new ItemKey(Keys.User(userId), Keys.LatestWeight);
        var profileKey = new ItemKey(Keys.User(userId), Keys.ProfileSortKey);
        var read = await _batch.GetAsync([summaryKey, preferencesKey, deletionKey, weightKey, profileKey], consistentRead: true, cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(read);
        read.Items.TryGetValue(summaryKey, out var summary);
        read.Items.TryGetValue(preferencesKey, out var preferences);
        read.Items.TryGetValue(weightKey, out var weight);
        read.Items.TryGetValue(profileKey, out var profile);
        return new SummaryState(
            summary is null ? null : AnalyticsItems.Read(summary, AnalyticsStoreJsonContext.Default.StoredSummary).ToDomain(),
            summary.GetLong(AnalyticsItems.DataVersionAttribute) ?? 0,
            WeekCalendar.Name(WeekCalendar.Parse(preferences.GetString("weekStartDay"))),
            read.Items.ContainsKey(deletionKey),
            weight?.GetDouble("weightKg") is { } kg ? new Bodyweight(kg, weight.GetRequiredDate("date")) : null,
            weight is not null,
            AnalyticsItems.DerivationOf(summary))
        {
            TimeZone = profile.GetString(ProfileContract.TimeZone) is { } zone && GymCoach.Data.Calendar.LocalCalendar.IsZone(zone) ? zone : GymCoach.Data.Calendar.LocalCalendar.DefaultZone,
        };
    }

    /// <summary>
    /// The summary (its data version, and when it was saved: null when never) with the items of <paramref name="keys"/>,
    /// in one BatchGetItem, eventually consistent (a read path: the series).
    /// </summary>
    public async Task<(long DataVersion, AnalyticsSummary? Summary, DateTimeOffset? SavedAt, IReadOnlyDictionary<ItemKey, Dictionary<string, AttributeValue>> Items)> SummaryWithAsync(
        string userId, IReadOnlyList<ItemKey> keys, CancellationToken cancellationToken)
    {
        var summaryKey = new ItemKey(Keys.User(userId), Keys.AnalyticsSummary);
        var read = await _batch.GetAsync(keys.Prepend(summaryKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(read);
        read.Items.TryGetValue(summaryKey, out var summary);
        return (summary.GetLong(AnalyticsItems.DataVersionAttribute) ?? 0,
            summary is null ? null : AnalyticsItems.Read(summary, AnalyticsStoreJsonContext.Default.StoredSummary).ToDomain(),
            summary.GetString(UpdatedAtAttribute) is { } saved && Timestamps.TryParse(saved, out var at) ? at : null,
            read.Items);
    }

    /// <summary>Every digest of the user, and the sessions whose digest is older than <paramref name="current"/> (oldest session first).</summary>
    public async Task<StoredDigests> DigestsAsync(string userId, int current, CancellationToken cancellationToken)
    {
        var items = await QueryPages.PrefixAsync(_client, _table, userId, Keys.AnalyticsSessionPrefix, cancellationToken).ConfigureAwait(false);
        var digests = new Dictionary<string, SessionDigest>(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var item in items)
        {
            var digest = AnalyticsItems.Read(item, AnalyticsStoreJsonContext.Default.StoredDigest).ToDomain();
            digests[digest.SessionId] = digest;
            if (AnalyticsItems.DerivationOf(item) < current)
            {
                stale.Add(digest.SessionId);
            }
        }

        return new StoredDigests(digests, stale);
    }

    public async Task<List<Achievement>> AchievementsAsync(string userId, CancellationToken cancellationToken, bool consistent = true)
    {
        var items = await QueryPages.PrefixAsync(_client, _table, userId, Keys.AnalyticsAchievementPrefix, cancellationToken, consistent: consistent).ConfigureAwait(false);
        return items.Select(AchievementFrom).ToList();
    }

    /// <summary>An achievement item as <c>GET /analytics/achievements</c> lists it (sync renders it the same way).</summary>
    public static Achievement AchievementFrom(Dictionary<string, AttributeValue> item) =>
        AnalyticsItems.Read(item, AnalyticsStoreJsonContext.Default.StoredAchievement).ToDomain();

    /// <summary>An exercise's records item as <c>GET /analytics/records</c> lists it (sync renders it the same way).</summary>
    public static ExerciseRecords RecordsFrom(Dictionary<string, AttributeValue> item) =>
        AnalyticsItems.Read(item, AnalyticsStoreJsonContext.Default.StoredRecords).ToDomain();

    public async Task<List<ExerciseRecords>> RecordsAsync(string userId, CancellationToken cancellationToken)
    {
        var items = await QueryPages.PrefixAsync(_client, _table, userId, Keys.AnalyticsRecordPrefix, cancellationToken, consistent: false).ConfigureAwait(false);
        return items.Select(RecordsFrom).ToList();
    }

    public async Task<List<WeekStats>> WeeksAsync(string userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var items = await TableQueries.RangeAsync(_client, _table, userId, Keys.AnalyticsWeek(from), Keys.AnalyticsWeek(to), cancellationToken).ConfigureAwait(false);
        return items.Select(i => AnalyticsItems.Read(i, AnalyticsStoreJsonContext.Default.StoredWeek).ToDomain()).ToList();
    }

    /// <summary>One page of the user's digest ids after <paramref name="after"/> (null: from the first); the last id read when more may follow.</summary>
    public async Task<(List<string> Ids, string? Next)> DigestIdPageAsync(string userId, string? after, int limit, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.AnalyticsSessionPrefix) },
                ProjectionExpression = "#pk, #sk",
                ExclusiveStartKey = after is null ? null : AnalyticsItems.Key(userId, Keys.AnalyticsSession(after)),
                Limit = limit,
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        var ids = (response.Items ?? []).Select(i => i.GetRequiredString(Keys.SortKey)[Keys.AnalyticsSessionPrefix.Length..]).ToList();
        return (ids, response.LastEvaluatedKey is { Count: > 0 } && ids.Count > 0 ? ids[^1] : null);
    }

    /// <summary>Sort keys of the user's items under <paramref name="prefix"/> (what a full rebuild deletes when no longer derived).</summary>
    public async Task<List<string>> SortKeysAsync(string userId, string prefix, CancellationToken cancellationToken)
    {
        var items = await QueryPages.PrefixAsync(_client, _table, userId, prefix, cancellationToken, keysOnly: true).ConfigureAwait(false);
        return items.Select(i => i.GetRequiredString(Keys.SortKey)).ToList();
    }

    /// <summary>Stores a digest with the formula version that derived it.</summary>
    public static WriteOperation PutDigest(string userId, SessionDigest digest, int derivation)
    {
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsSession(digest.SessionId), AnalyticsItems.SessionEntity, StoredDigest.From(digest), AnalyticsStoreJsonContext.Default.StoredDigest);
        item[AnalyticsItems.DerivationAttribute] = Attributes.N(derivation);
        return WriteOperation.Put(item);
    }

    public static WriteOperation PutWeek(string userId, WeekStats week) =>
        WriteOperation.Put(AnalyticsItems.Item(userId, Keys.AnalyticsWeek(week.WeekStart), AnalyticsItems.WeekEntity, StoredWeek.From(week), AnalyticsStoreJsonContext.Default.StoredWeek));

    public static WriteOperation PutRecord(string userId, ExerciseRecords records) =>
        WriteOperation.Put(AnalyticsItems.Item(userId, Keys.AnalyticsRecord(records.ExerciseId), AnalyticsItems.RecordEntity, StoredRecords.From(records), AnalyticsStoreJsonContext.Default.StoredRecords));

    /// <summary>
    /// Stores the summary with its new data version — only over the version this update started from, so two
    /// updates of one user can never both win (the loser throws, and its records are retried over the new state).
    /// Written after everything it summarises, so a reader that sees the new version sees their new values too.
    /// </summary>
    public async Task SaveSummaryAsync(string userId, AnalyticsSummary summary, long previousVersion, int derivation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsSummary, AnalyticsItems.SummaryEntity, StoredSummary.From(summary), AnalyticsStoreJsonContext.Default.StoredSummary);
        item[AnalyticsItems.DataVersionAttribute] = Attributes.N(previousVersion + 1);
        item[AnalyticsItems.DerivationAttribute] = Attributes.N(derivation);
        item[UpdatedAtAttribute] = Attributes.S(Timestamps.ToApi(now));
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = previousVersion == 0 ? "attribute_not_exists(#version) OR #version = :previous" : "#version = :previous",
                    ExpressionAttributeNames = new() { ["#version"] = AnalyticsItems.DataVersionAttribute },
                    ExpressionAttributeValues = new() { [":previous"] = Attributes.N(previousVersion) },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new InvalidOperationException($"Another update of the user's aggregates won (version {previousVersion} moved); the records are retried.", ex);
        }
    }

    public static WriteOperation Delete(string userId, string sortKey) => WriteOperation.Delete(new ItemKey(Keys.User(userId), sortKey));

    /// <summary>Writes every operation (25 a request, unprocessed ones retried); throws if any is left, so the records are retried.</summary>
    public async Task WriteAsync(IReadOnlyCollection<WriteOperation> operations, CancellationToken cancellationToken)
    {
        var result = await _batch.WriteAsync(operations, cancellationToken).ConfigureAwait(false);
        if (!result.AllWritten)
        {
            throw new StoreBusyException($"{result.Failed.Count} of {operations.Count} aggregate writes were not processed; the batch is retried.");
        }
    }

    /// <summary>Stores an achievement only if the user does not hold it yet: the table itself guarantees it is never awarded twice.</summary>
    public Task<bool> AwardAsync(string userId, Achievement achievement, CancellationToken cancellationToken) =>
        PutAchievementIfAsync(userId, achievement, "attribute_not_exists(#pk)", null, cancellationToken);

    /// <summary>
    /// Moves a held achievement's <c>earnedAt</c> back to <paramref name="achievement"/>'s, only if the stored one is
    /// later (a replay in any order ends at the earliest); false when it was not later.
    /// </summary>
    public Task<bool> MoveEarnedAtEarlierAsync(string userId, Achievement achievement, CancellationToken cancellationToken) =>
        PutAchievementIfAsync(userId, achievement, "attribute_exists(#pk) AND #earnedAt > :earnedAt", Attributes.S(achievement.EarnedAt), cancellationToken);

    /// <summary>Writes the achievement when <paramref name="condition"/> holds; false when it did not.</summary>
    private async Task<bool> PutAchievementIfAsync(string userId, Achievement achievement, string condition, AttributeValue? earnedAt, CancellationToken cancellationToken)
    {
        var item = AnalyticsItems.Item(userId, Keys.AnalyticsAchievement(achievement.Code), AnalyticsItems.AchievementEntity, StoredAchievement.From(achievement), AnalyticsStoreJsonContext.Default.StoredAchievement);
        item["earnedAt"] = Attributes.S(achievement.EarnedAt);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
        };
        if (earnedAt is not null)
        {
            request.ExpressionAttributeNames["#earnedAt"] = "earnedAt";
            request.ExpressionAttributeValues = new() { [":earnedAt"] = earnedAt };
        }

        try
        {
            await _client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static void ThrowIfFailed(BatchGetResult read)
    {
        if (read.Failed.Count > 0)
        {
            throw new StoreBusyException("Some items could not be read; retry shortly.");
        }
    }
}
