using GymCoach.Data.Calendar;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Sessions: started (with their in-progress marker, the scheduled entry they came from marked done, and the
/// idempotency record) in one transaction; read whole with their sets in one Query of their item collection;
/// completed and discarded; listed newest first through GSI1, optionally only those with sets of one exercise.
/// </summary>
public sealed partial class SessionRepository
{
    /// <summary>Most Query pages one history request reads looking for sessions of one exercise.</summary>
    public const int MaxFilteredPages = 10;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly BatchOptimizer _batch;

    public SessionRepository(IAmazonDynamoDB client, string table, BatchOptimizer batch)
    {
        _client = client;
        _table = table;
        _batch = batch;
    }

    public async Task StartAsync(string userId, Session session, TransactWriteItem? scheduleWrite, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        var items = new List<TransactWriteItem>
        {
            ItemCreator.NewItem(_table, SessionMapper.ToItem(userId, session)),
            ItemCreator.NewItem(_table, Marker(userId, session)),
        };
        if (scheduleWrite is not null)
        {
            items.Add(scheduleWrite);
        }

        if (record is not null)
        {
            items.Add(record.Write);
        }

        var reasons = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
        if (reasons is null)
        {
            return;
        }

        record?.ThrowIfTaken(reasons, items.Count - 1);
        if (Transaction.ConditionFailed(reasons, 0))
        {
            return; // this very session is already there: an SDK retry of a transaction whose answer was lost
        }

        if (scheduleWrite is not null && Transaction.ConditionFailed(reasons, 2))
        {
            throw new ConflictException("A session was already started from this scheduled workout, or it was removed.");
        }

        throw new InvalidOperationException($"Starting the session was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    /// <summary>The session and all its sets (in the order they were done), from one Query; null when there is none (or it is discarded).</summary>
    public async Task<(Session Session, List<LoggedSet> Sets)?> GetWithSetsAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        await ReadCollectionAsync(userId, sessionId, cancellationToken).ConfigureAwait(false) is ({ Status: not Session.Discarded } session, var sets) ? (session, sets) : null;

    /// <summary>The session item (even discarded) and every set of its item collection, from one consistent Query.</summary>
    public async Task<(Session? Session, List<LoggedSet> Sets)> ReadCollectionAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var items = await QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.Session(sessionId)) },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        var sessionItem = items.FirstOrDefault(SessionMapper.IsSession);
        return (sessionItem is null ? null : SessionMapper.FromItem(sessionItem), LoggedSet.InOrder(items.Where(SetMapper.IsSet).Select(SetMapper.FromItem)));
    }

    public async Task<Session?> GetAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = SessionMapper.Key(userId, sessionId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && SessionMapper.FromItem(item) is { Status: not Session.Discarded } session ? session : null;
    }

    /// <summary>The id of the most recently started session still in progress, if any.</summary>
    public async Task<string?> ActiveIdAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.ActiveSessionPrefix) },
                ScanIndexForward = false,
                Limit = 1,
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Items is [{ } marker, ..] ? marker.GetString("sessionId") : null;
    }

    /// <summary>Ends an in-progress session at <paramref name="completedAt"/>: the session as completed, or null when it was no longer in progress.</summary>
    public async Task<Session?> CompleteAsync(string userId, Session session, DateTimeOffset completedAt, TimeSpan? statedOffset, CancellationToken cancellationToken)
    {
        var duration = Math.Max(0, (long)(completedAt - session.StartedAt).TotalSeconds);
        var names = new Dictionary<string, string> { ["#status"] = "status", ["#version"] = Keys.Version };
        var values = new Dictionary<string, AttributeValue>
        {
            [":completed"] = Attributes.S(Session.Completed),
            [":inProgress"] = Attributes.S(Session.InProgress),
            [":at"] = Attributes.S(Timestamps.ToApi(completedAt)),
            [":duration"] = Attributes.N(duration),
            [":one"] = Attributes.N(1),
        };
        var set = "SET #status = :completed, completedAt = :at, durationSeconds = :duration";
        if (statedOffset is { } offset)
        {
            names["#offset"] = SessionMapper.CompletedOffsetMinutes;
            values[":offset"] = Attributes.N((long)offset.TotalMinutes);
            set += ", #offset = :offset";
        }

        var reasons = await Transaction.WriteAsync(
            _client,
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = _table,
                        Key = SessionMapper.Key(userId, session.Id),
                        UpdateExpression = set + " ADD #version :one",
                        ConditionExpression = "#status = :inProgress",
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = values,
                    },
                },
                new TransactWriteItem { Delete = new Delete { TableName = _table, Key = SessionMapper.ActiveKey(userId, session.Id) } },
            ],
            cancellationToken).ConfigureAwait(false);
        return reasons is null
            ? session with { Status = Session.Completed, CompletedAt = completedAt, DurationSeconds = duration, Version = session.Version + 1, CompletedOffset = statedOffset }
            : null;
    }

    /// <summary>
    /// Discards a session and its sets. First, under the precondition, the session is marked discarded (no set
    /// can be logged into it from then on, and it leaves history and "active"); then its sets and itself are
    /// deleted in batches. A retry after a failure in between finds it discarded and finishes the removal.
    /// </summary>
    public async Task DiscardAsync(string userId, Session? current, string sessionId, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        if (current is not null)
        {
            var names = new Dictionary<string, string> { ["#status"] = "status", ["#gsi1pk"] = Keys.Gsi1PartitionKey, ["#gsi1sk"] = Keys.Gsi1SortKey };
            var values = new Dictionary<string, AttributeValue> { [":discarded"] = Attributes.S(Session.Discarded) };
            var condition = VersionedWrites.Condition(precondition, current.Version, names, values, "session");
            var reasons = await Transaction.WriteAsync(
                _client,
                [
                    new TransactWriteItem
                    {
                        Update = new Update
                        {
                            TableName = _table,
                            Key = SessionMapper.Key(userId, sessionId),
                            UpdateExpression = "SET #status = :discarded REMOVE #gsi1pk, #gsi1sk",
                            ConditionExpression = condition,
                            ExpressionAttributeNames = names,
                            ExpressionAttributeValues = values,
                        },
                    },
                    new TransactWriteItem { Delete = new Delete { TableName = _table, Key = SessionMapper.ActiveKey(userId, sessionId) } },
                ],
                cancellationToken).ConfigureAwait(false);
            if (reasons is not null)
            {
                throw new ConcurrencyConflictException(precondition, "The session changed since it was read.");
            }
        }

        var collection = await QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.Session(sessionId)) },
                ProjectionExpression = "#pk, #sk",
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);

        // Sets first, the session last: until it is gone, a retry can still find what is left.
        var sets = collection.Where(i => i[Keys.SortKey].S != Keys.Session(sessionId)).Select(i => WriteOperation.Delete(ItemKey.From(i))).ToList();
        var result = await _batch.WriteAsync(sets, cancellationToken).ConfigureAwait(false);
        if (result.Failed.Count > 0)
        {
            throw new StoreBusyException("Some sets could not be removed yet; retry the delete.");
        }

        await FencedWrites.DeleteItemAsync(_client, new DeleteItemRequest { TableName = _table, Key = SessionMapper.Key(userId, sessionId) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when a discarded session's remains are still there (a discard to finish).</summary>
    public async Task<bool> IsDiscardingAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = SessionMapper.Key(userId, sessionId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && item.GetString("status") == Session.Discarded;
    }

    /// <summary>
    /// A page of sessions newest first, started between <paramref name="from"/> and <paramref name="to"/>, and
    /// when <paramref name="exerciseId"/> is given only those with sets of it. Filtered pages read on until the
    /// page is full or <see cref="MaxFilteredPages"/> were read (the cursor then continues the search).
    /// </summary>
    public async Task<(IReadOnlyList<Session> Items, Dictionary<string, AttributeValue>? LastKey)> HistoryAsync(
        string userId, DateOnly? from, DateOnly? to, string zone, string? exerciseId, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var sessions = new List<Session>();
        var start = startKey;
        for (var page = 0; page < MaxFilteredPages; page++)
        {
            var request = new QueryRequest
            {
                TableName = _table,
                IndexName = Keys.Gsi1Name,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey, ["#sk"] = Keys.Gsi1SortKey },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = Attributes.S(Keys.SessionHistoryIndex(userId)),
                    [":from"] = Attributes.S(from is { } f ? Ulid.Lowest(LocalCalendar.StartOf(f, zone)) : "0"),
                    [":to"] = Attributes.S(to is { } t ? Ulid.Highest(LocalCalendar.EndOf(t, zone).AddMilliseconds(999)) : "~"),
                },
                ScanIndexForward = false,
                Limit = limit - sessions.Count,
                ExclusiveStartKey = start,
            };
            if (exerciseId is not null)
            {
                request.FilterExpression = "#counts.#exercise > :zero";
                request.ExpressionAttributeNames["#counts"] = "exerciseSets";
                request.ExpressionAttributeNames["#exercise"] = exerciseId;
                request.ExpressionAttributeValues[":zero"] = Attributes.N(0);
            }

            var response = await _client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            sessions.AddRange((response.Items ?? []).Select(SessionMapper.FromItem));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            if (start is null || sessions.Count >= limit)
            {
                break;
            }
        }

        return (sessions, start);
    }

    private static Dictionary<string, AttributeValue> Marker(string userId, Session session)
    {
        var marker = SessionMapper.ActiveKey(userId, session.Id);
        marker[Keys.EntityType] = Attributes.S(SessionMapper.ActiveEntity);
        marker["sessionId"] = Attributes.S(session.Id);
        marker["startedAt"] = Attributes.S(Timestamps.ToApi(session.StartedAt));
        return marker;
    }
}
