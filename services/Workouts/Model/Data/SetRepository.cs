using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Contracts;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Logged sets. Every write is one transaction with its session's update (<see cref="SessionMapper.SetWritten"/>):
/// the set lands only into an existing, undiscarded session of the caller, and the session's totals always
/// equal its sets. Logging one is that single request, its idempotency record included when it has a key.
/// </summary>
public sealed class SetRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public SetRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>Logs <paramref name="set"/>; null when this call (or an earlier attempt of it) wrote it, the stored set when its id was already taken.</summary>
    public async Task<LoggedSet?> LogAsync(string userId, LoggedSet set, IdempotencyRecord? record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var put = ItemCreator.NewItem(_table, SetMapper.ToItem(userId, set));
        put.Put.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        var items = new List<TransactWriteItem>
        {
            SessionMapper.SetWritten(_table, userId, set.SessionId, set.Contribution, [(set.ExerciseId, 1)], now, adding: true),
            put,
        };
        if (record is not null)
        {
            items.Add(record.Write);
        }

        var reasons = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
        if (reasons is null)
        {
            return null;
        }

        record?.ThrowIfTaken(reasons, 2);
        if (Transaction.ConditionFailed(reasons, 1))
        {
            // The id is taken: by this very set (an SDK retry of a transaction whose answer was lost, a device
            // resending it) or by another one; the caller compares.
            return reasons[1].Item is { Count: > 0 } stored ? SetMapper.FromItem(stored) : await GetAsync(userId, set.SessionId, set.Id, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfSessionRefused(reasons);
        throw new InvalidOperationException($"Logging the set was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    public async Task<LoggedSet?> GetAsync(string userId, string sessionId, string setId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(userId, sessionId, setId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? SetMapper.FromItem(item) : null;
    }

    /// <summary>Replaces <paramref name="current"/> with <paramref name="set"/> under the precondition, moving the session's totals by the difference.</summary>
    public async Task ReplaceAsync(string userId, LoggedSet current, LoggedSet set, WritePrecondition precondition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = VersionedWrites.Condition(precondition, current.Version, names, values, "set");
        var exercises = current.ExerciseId == set.ExerciseId ? new List<(string, int)>() : [(current.ExerciseId, -1), (set.ExerciseId, 1)];
        var reasons = await Transaction.WriteAsync(
            _client,
            [
                new TransactWriteItem
                {
                    Put = new Put { TableName = _table, Item = SetMapper.ToItem(userId, set), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                },
                SessionMapper.SetWritten(_table, userId, set.SessionId, set.Contribution.Minus(current.Contribution), exercises, now, adding: false),
            ],
            cancellationToken).ConfigureAwait(false);
        Refused(reasons, precondition);
    }

    public async Task DeleteAsync(string userId, LoggedSet current, WritePrecondition precondition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = VersionedWrites.Condition(precondition, current.Version, names, values, "set");
        var reasons = await Transaction.WriteAsync(
            _client,
            [
                new TransactWriteItem
                {
                    Delete = new Delete { TableName = _table, Key = Key(userId, current.SessionId, current.Id), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                },
                SessionMapper.SetWritten(_table, userId, current.SessionId, SessionTotals.None.Minus(current.Contribution), [(current.ExerciseId, -1)], now, adding: false),
            ],
            cancellationToken).ConfigureAwait(false);
        Refused(reasons, precondition);
    }

    /// <summary>
    /// A page of every set of one exercise the user logged, newest first, through GSI1 — optionally only those
    /// done between two days (inclusive).
    /// </summary>
    public async Task<(IReadOnlyList<LoggedSet> Items, Dictionary<string, AttributeValue>? LastKey)> ForExerciseAsync(
        string userId, string exerciseId, DateOnly? from, DateOnly? to, string zone, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var request = WorkoutSetContract.ExerciseIndexQuery(_table, userId, exerciseId, from, to, zone);
        request.ScanIndexForward = false;
        request.Limit = limit;
        request.ExclusiveStartKey = startKey;
        var response = await _client.QueryAsync(
            request,
            cancellationToken).ConfigureAwait(false);
        return ((response.Items ?? []).Select(SetMapper.FromItem).ToList(), response.LastEvaluatedKey is { Count: > 0 } last ? last : null);
    }

    private static void Refused(IReadOnlyList<CancellationReason>? reasons, WritePrecondition precondition)
    {
        if (reasons is null)
        {
            return;
        }

        if (Transaction.ConditionFailed(reasons, 0))
        {
            throw new ConcurrencyConflictException(precondition, "The set changed since it was read.");
        }

        ThrowIfSessionRefused(reasons);
        throw new InvalidOperationException($"The set write was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
    }

    /// <summary>The session update (always the transaction's first or second item) failed: gone, discarded, or full.</summary>
    private static void ThrowIfSessionRefused(IReadOnlyList<CancellationReason> reasons)
    {
        foreach (var reason in reasons)
        {
            if (reason.Code != "ConditionalCheckFailed")
            {
                continue;
            }

            if (reason.Item is { Count: > 0 } session && SessionMapper.IsSession(session))
            {
                if (session.GetString(SessionMapper.PendingUpload) is not null && session.GetString("status") != Session.Discarded)
                {
                    throw new ConflictException("A whole upload of this session is being written; send the set again once it is done.");
                }

                if (session.GetString("status") != Session.Discarded && (session.GetLong("totalSets") ?? 0) >= Session.MaxSets)
                {
                    throw new ConflictException($"A session holds at most {Session.MaxSets} sets.");
                }

                throw new NotFoundException("No such session.");
            }

            if (reason.Item is not { Count: > 0 })
            {
                throw new NotFoundException("No such session.");
            }
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId, string sessionId, string setId) => SetMapper.Key(userId, sessionId, setId);
}
