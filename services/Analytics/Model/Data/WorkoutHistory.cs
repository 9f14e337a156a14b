using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Data;

/// <summary>
/// The raw history Analytics derives from, read in the shapes the Workouts and Profiles services store (their
/// contracts in <c>GymCoach.Data.Contracts</c> name the item types and attributes both sides use; the Analytics
/// tests also build items with the writers' own mappers). Reads are strongly consistent where a stream record has just announced a change.
/// </summary>
public sealed class WorkoutHistory
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public WorkoutHistory(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>The session and all its sets as stored now (one Query of its item collection); null once it is deleted.</summary>
    public async Task<SessionFacts?> SessionAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var items = await QueryPages.PrefixAsync(_client, _table, userId, Keys.Session(sessionId), cancellationToken).ConfigureAwait(false);
        var session = items.FirstOrDefault(i => i.GetString(Keys.EntityType) == WorkoutSessionContract.Entity && i.GetString(Keys.SortKey) == Keys.Session(sessionId));
        if (session is null)
        {
            return null;
        }

        var sets = items.Where(i => i.GetString(Keys.EntityType) == WorkoutSetContract.Entity).Select(SetOf).ToList();
        return new SessionFacts(
            sessionId,
            session.GetRequiredString(WorkoutSessionContract.Status),
            session.GetRequiredString(WorkoutSessionContract.StartedAt),
            session.GetString(WorkoutSessionContract.CompletedAt),
            session.GetLong(WorkoutSessionContract.DurationSeconds),
            sets)
        {
            StartOffsetMinutes = (int?)session.GetLong(WorkoutSessionContract.StartedAtOffsetMinutes),
        };
    }

    /// <summary>Every session id the user has (history index, without sets).</summary>
    public async Task<List<string>> SessionIdsAsync(string userId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            (var page, cursor) = await SessionIdPageAsync(userId, cursor, 1000, cancellationToken).ConfigureAwait(false);
            ids.AddRange(page);
        }
        while (cursor is not null);

        return ids;
    }

    /// <summary>
    /// One page of the user's session ids in history order, from <paramref name="cursor"/> (null: the start); the
    /// cursor of the next page, null after the last. A rebuild reads the history this way, a page per step, so it
    /// can stop anywhere and resume.
    /// </summary>
    public async Task<(List<string> Ids, string? Next)> SessionIdPageAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = Keys.Gsi1Name,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey, ["#id"] = WorkoutSessionContract.Id },
            ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.SessionHistoryIndex(userId)) },
            ProjectionExpression = "#id",
            Limit = limit,
        };
        if (cursor is not null)
        {
            var parts = cursor.Split('\n');
            if (parts.Length != 2)
            {
                throw new InvalidDataException("A rebuild's history cursor is not one this code wrote.");
            }

            request.ExclusiveStartKey = new()
            {
                [Keys.Gsi1PartitionKey] = Attributes.S(Keys.SessionHistoryIndex(userId)),
                [Keys.Gsi1SortKey] = Attributes.S(parts[0]),
                [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
                [Keys.SortKey] = Attributes.S(parts[1]),
            };
        }

        var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        var next = response.LastEvaluatedKey is { Count: > 0 } last
            ? string.Concat(last.GetRequiredString(Keys.Gsi1SortKey), "\n", last.GetRequiredString(Keys.SortKey))
            : null;
        return ((response.Items ?? []).Select(i => i.GetRequiredString(WorkoutSessionContract.Id)).ToList(), next);
    }

    /// <summary>Which of <paramref name="sessionIds"/> still have their session item (one BatchGetItem per 100).</summary>
    public async Task<HashSet<string>> ExistingSessionsAsync(string userId, IReadOnlyCollection<string> sessionIds, BatchOptimizer batch, CancellationToken cancellationToken)
    {
        var keys = sessionIds.Select(id => new ItemKey(Keys.User(userId), Keys.Session(id))).ToList();
        var read = await batch.GetAsync(keys, consistentRead: true, cancellationToken).ConfigureAwait(false);
        if (read.Failed.Count > 0)
        {
            throw new InvalidOperationException("Some sessions could not be read (left unprocessed); the rebuild's step is retried.");
        }

        return sessionIds.Where(id => read.Items.ContainsKey(new ItemKey(Keys.User(userId), Keys.Session(id)))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The newest measurement that has a weight, searched (for an account without the latest-weight item).</summary>
    public async Task<Bodyweight?> LatestBodyweightAsync(string userId, CancellationToken cancellationToken) =>
        await NewestWeighIn.SearchAsync(_client, _table, userId, cancellationToken).ConfigureAwait(false) is { } item && item.GetDouble(MeasurementContract.WeightKg) is { } kg
            ? new Bodyweight(kg, item.GetRequiredDate(MeasurementContract.Date))
            : null;

    /// <summary>The measurements from <paramref name="from"/> to <paramref name="to"/> (inclusive): each one's date, weight and body fat.</summary>
    public async Task<List<(DateOnly Date, double? WeightKg, double? BodyFatPct)>> MeasurementsAsync(string userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var measured = await TableQueries.RangeAsync(_client, _table, userId, Keys.MeasurementFrom(from), Keys.MeasurementTo(to), cancellationToken).ConfigureAwait(false);
        return measured.Select(m => (m.GetRequiredDate(MeasurementContract.Date), m.GetDouble(MeasurementContract.WeightKg), m.GetDouble(MeasurementContract.BodyFatPct))).ToList();
    }

    /// <summary>
    /// The sets of <paramref name="exerciseId"/> logged from <paramref name="from"/> to <paramref name="to"/> in sessions
    /// that are completed (as everywhere in Analytics): the exercise's set index, then one batched read of their sessions.
    /// </summary>
    public async Task<List<SetFact>> CompletedSetsAsync(string userId, string exerciseId, DateOnly from, DateOnly to, string zone, BatchOptimizer batch, CancellationToken cancellationToken)
    {
        var sets = await QueryPages.AllAsync(_client, WorkoutSetContract.ExerciseIndexQuery(_table, userId, exerciseId, from, to, zone), cancellationToken).ConfigureAwait(false);

        var sessionKeys = sets.Select(s => s.GetRequiredString(WorkoutSetContract.SessionId)).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => new ItemKey(Keys.User(userId), Keys.Session(id)), StringComparer.Ordinal);
        var sessions = await batch.GetAsync(sessionKeys.Values, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (sessions.Failed.Count > 0)
        {
            throw new StoreBusyException("The sessions could not all be read; retry shortly.");
        }

        var completed = sessionKeys
            .Where(k => sessions.Items.TryGetValue(k.Value, out var s) && s.GetString(WorkoutSessionContract.Status) == WorkoutSessionContract.Completed)
            .Select(k => k.Key)
            .ToHashSet(StringComparer.Ordinal);
        return sets.Where(s => completed.Contains(s.GetRequiredString(WorkoutSetContract.SessionId))).Select(SetOf).ToList();
    }

    internal static SetFact SetOf(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString(WorkoutSetContract.Id),
        item.GetRequiredString(WorkoutSetContract.ExerciseId),
        (int?)item.GetLong(WorkoutSetContract.Reps),
        item.GetDouble(WorkoutSetContract.WeightKg),
        item.GetString(WorkoutSetContract.Type) ?? WorkoutSetContract.DefaultType,
        item.GetRequiredString(WorkoutSetContract.LoggedAt));
}
