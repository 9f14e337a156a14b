using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Data.Contracts;

namespace GymCoach.Data.Jobs;

/// <summary>
/// The one door through which an account starts a job of one kind (<see cref="JobPolicy"/>): an item in the
/// account's partition (<c>JOBS#{kind}</c>) naming the job that runs, the day's count and when the last one
/// completed. A new job is put in one transaction with the gate's next version (and the request's idempotency
/// record), conditional on the version read: two requests racing with no job running both read the same version,
/// one lands, the other reads again and is answered with the job the first one queued. Nothing is left to a
/// read-then-write window, and a refused request writes nothing.
/// </summary>
public sealed class JobGate
{
    public const string Entity = EntityTypes.JobGate;

    /// <summary>Rounds of read-decide-write before a gate that keeps moving is reported (each loss means another request queued or was answered).</summary>
    public const int MaxRounds = 5;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly JobPolicy _policy;
    private readonly TimeProvider _time;

    public JobGate(IAmazonDynamoDB client, string table, JobPolicy policy, TimeProvider time)
    {
        _client = client;
        _table = table;
        _policy = policy;
        _time = time;
    }

    public JobPolicy Policy => _policy;

    /// <summary>
    /// Queues the job <paramref name="jobPut"/> writes (id <paramref name="jobId"/>) if the policy lets the account
    /// start one now; the id of the job that answers the request: <paramref name="jobId"/> when it was queued (by
    /// this call or an earlier attempt of the same create), the running job's when one runs. Throws
    /// <see cref="JobRefusedException"/> past the cooldown or the day's quota.
    /// </summary>
    public async Task<string> QueueAsync(
        string userId,
        string jobId,
        TransactWriteItem jobPut,
        IdempotencyRecord? record,
        Func<string, CancellationToken, Task<JobSnapshot?>> readJob,
        CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var gate = await ReadAsync(userId, cancellationToken).ConfigureAwait(false);
            var active = gate.Active is { } id ? await readJob(id, cancellationToken).ConfigureAwait(false) : null;
            var now = _time.GetUtcNow();
            var next = Decide(gate, active, now);
            if (next is null)
            {
                return active!.Id;
            }

            var items = new List<TransactWriteItem> { Write(userId, gate.Version, next with { Active = jobId }), jobPut };
            if (record is not null)
            {
                items.Add(record.Write);
            }

            var reasons = await Transaction.WriteAsync(_client, items, cancellationToken).ConfigureAwait(false);
            if (reasons is null || Transaction.ConditionFailed(reasons, 1))
            {
                // Queued now; or the job's key is taken, which only this very transaction can have done (an SDK
                // retry after its answer was lost: the gate moved too, by the same write).
                return jobId;
            }

            record?.ThrowIfTaken(reasons, 2);
            if (!Transaction.ConditionFailed(reasons, 0) || round == MaxRounds)
            {
                throw new ConflictException($"Another {_policy.What} was being queued for this account at the same time; retry.");
            }
        }
    }

    /// <summary>
    /// Binds a request's idempotency key to the answer it got without queueing anything (the job already running):
    /// a retry of that request is then answered the same, not queued anew once that job is done.
    /// </summary>
    public async Task RecordAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        if (await Transaction.WriteAsync(_client, [record.Write], cancellationToken).ConfigureAwait(false) is { } reasons)
        {
            record.ThrowIfTaken(reasons, 0);
        }
    }

    /// <summary>
    /// The gate's next state if a job may start now; null when <paramref name="active"/> still runs (the request is
    /// answered with it). Throws <see cref="JobRefusedException"/> in the cooldown or past the day's quota.
    /// </summary>
    public GateState? Decide(GateState gate, JobSnapshot? active, DateTimeOffset now)
    {
        if (active is { Active: true } && active.LastActivity > now - _policy.Stale)
        {
            return null;
        }

        var lastCompleted = Max(gate.LastCompletedAt, active?.CompletedAt);
        if (lastCompleted is { } completed && completed + _policy.Cooldown > now)
        {
            var wait = completed + _policy.Cooldown - now;
            throw new JobRefusedException(
                _policy.What,
                "cooldown",
                wait,
                $"The last {_policy.What} completed at {completed.UtcDateTime:HH:mm:ss} UTC; another can start {_policy.Cooldown.TotalMinutes:F0} minutes after it, in {Seconds(wait)} s.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var count = gate.Day == today ? gate.Count : 0;
        if (count >= _policy.PerDay)
        {
            var midnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            throw new JobRefusedException(
                _policy.What,
                "daily-quota",
                midnight - now,
                $"An account can start {_policy.PerDay} of {_policy.What} a day (UTC); the next can start at 00:00 UTC, in {Seconds(midnight - now)} s.");
        }

        return gate with { Day = today, Count = count + 1, LastCompletedAt = lastCompleted };
    }

    /// <summary>The gate as stored (a fresh one, version 0, when the account never started this kind of job).</summary>
    public async Task<GateState> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(userId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return GateState.Empty;
        }

        return new GateState(
            item.GetString("active"),
            item.GetString("day") is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            (int)(item.GetLong("count") ?? 0),
            item.GetString("lastCompletedAt") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
            item.GetLong(Keys.Version) ?? 0);
    }

    private TransactWriteItem Write(string userId, long seenVersion, GateState next)
    {
        var item = new Dictionary<string, AttributeValue>(Key(userId))
        {
            [Keys.EntityType] = Attributes.S(Entity),
            ["active"] = Attributes.S(next.Active!),
            ["day"] = Attributes.S(next.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ["count"] = Attributes.N(next.Count),
            [Keys.Version] = Attributes.N(seenVersion + 1),
        };
        item.SetIfNotNull("lastCompletedAt", next.LastCompletedAt is { } at ? Attributes.S(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)) : null);
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = _table,
                Item = item,
                ConditionExpression = seenVersion == 0 ? "attribute_not_exists(#v)" : "#v = :seen",
                ExpressionAttributeNames = new() { ["#v"] = Keys.Version },
                ExpressionAttributeValues = seenVersion == 0 ? null : new() { [":seen"] = Attributes.N(seenVersion) },
            },
        };
    }

    private Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.JobGate(_policy.Kind)),
    };

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>What a <see cref="JobGate"/> holds: the job last started, the day's count, the last completion, and its version.</summary>
public sealed record GateState(string? Active, DateOnly? Day, int Count, DateTimeOffset? LastCompletedAt, long Version)
{
    public static readonly GateState Empty = new(null, null, 0, null, 0);
}
