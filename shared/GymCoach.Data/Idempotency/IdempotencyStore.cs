using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Contracts;

namespace GymCoach.Data.Idempotency;

/// <summary>
/// Idempotency records in the caller's partition (<c>IDEMPOTENCY#scope#key</c>). Claiming a key is one
/// conditional update that writes an in-progress record with the request's hash, a lease and a claim token.
/// The claim then ends in one of three ways, each conditional on its token:
/// <list type="bullet">
/// <item><see cref="CompleteAsync"/> stores the response to replay;</item>
/// <item><see cref="ReleaseAsync"/> deletes the record — only when the attempt is known to have written
/// nothing (it was refused before any write), so a corrected body may reuse the key;</item>
/// <item><see cref="EndLeaseAsync"/> keeps the record (and so the body it is bound to) but lets the same
/// request be retried at once — when the attempt's outcome is unknown (a timeout, a 5xx). The retry creates
/// the same item (its <see cref="Writes.Creation"/> is derived from the key and the first claim's time), so
/// it converges on what the first attempt may have written rather than writing a second one.</item>
/// </list>
/// A lease that ran out (a process that died mid-request) can be claimed again by the same request. Records
/// expire through the table's TTL after <see cref="Retention"/>.
/// </summary>
public sealed class IdempotencyStore
{
    /// <summary>Added to the function's timeout: clocks of two instances may disagree by this much.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(5);

    private const string InProgress = "IN_PROGRESS";
    private const string Completed = "COMPLETED";
    private const string Entity = EntityTypes.Idempotency;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;

    /// <summary>Records in <paramref name="table"/>; a claim blocks others for <paramref name="lease"/> (see <see cref="LeaseFor"/>).</summary>
    public IdempotencyStore(IAmazonDynamoDB client, string table, TimeSpan lease, TimeProvider? time = null, TimeSpan? retention = null)
    {
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), "The lease must be positive.");
        }

        _client = client;
        _table = table;
        _time = time ?? TimeProvider.System;
        Lease = lease;
        Retention = retention ?? TimeSpan.FromHours(24);
        if (Retention <= Lease)
        {
            // A record removed as expired while its attempt still runs would let the key create a second item.
            throw new ArgumentOutOfRangeException(nameof(retention), "Records must be kept longer than a lease.");
        }
    }

    /// <summary>How long an in-progress claim blocks others.</summary>
    public TimeSpan Lease { get; }

    public TimeSpan Retention { get; }

    /// <summary>The lease for a function that may run <paramref name="functionTimeout"/>: no attempt can still be running after it.</summary>
    public static TimeSpan LeaseFor(TimeSpan functionTimeout) => functionTimeout + ClockSkewAllowance;

    public async Task<IdempotencyOutcome> BeginAsync(string userId, string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        // Three rounds at most: the record may be deleted (released) or found expired between our write and our read.
        for (var round = 0; ; round++)
        {
            var now = _time.GetUtcNow();
            var token = Guid.NewGuid().ToString("N");
            try
            {
                var response = await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = RecordKey(userId, scope, key),
                        UpdateExpression = "SET #entity = :entity, #status = :inProgress, requestHash = :hash, claimToken = :token, "
                            + "#lease = :leaseMs, #ttl = :ttl, firstClaimedAt = if_not_exists(firstClaimedAt, :nowMs) ADD attempts :one",
                        ConditionExpression = "attribute_not_exists(#pk) OR (#status = :inProgress AND #lease < :nowMs AND requestHash = :hash AND #ttl >= :nowS)",
                        ExpressionAttributeNames = new()
                        {
                            ["#pk"] = Keys.PartitionKey, ["#entity"] = Keys.EntityType, ["#status"] = "status",
                            ["#lease"] = "leaseExpiresAt", ["#ttl"] = Keys.TimeToLive,
                        },
                        ExpressionAttributeValues = new()
                        {
                            [":entity"] = Attributes.S(Entity),
                            [":inProgress"] = Attributes.S(InProgress),
                            [":hash"] = Attributes.S(requestHash),
                            [":token"] = Attributes.S(token),
                            [":leaseMs"] = Attributes.N(now.Add(Lease).ToUnixTimeMilliseconds()),
                            [":ttl"] = Attributes.N(now.Add(Retention).ToUnixTimeSeconds()),
                            [":nowMs"] = Attributes.N(now.ToUnixTimeMilliseconds()),
                            [":nowS"] = Attributes.N(now.ToUnixTimeSeconds()),
                            [":one"] = Attributes.N(1),
                        },
                        ReturnValues = ReturnValue.ALL_NEW,
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                    cancellationToken).ConfigureAwait(false);
                var firstClaimed = DateTimeOffset.FromUnixTimeMilliseconds(response.Attributes.GetLong("firstClaimedAt") ?? now.ToUnixTimeMilliseconds());
                var attempt = (int)(response.Attributes.GetLong("attempts") ?? 1);
                return new IdempotencyOutcome(IdempotencyState.Started, new IdempotencyClaim(userId, scope, key, token, Writes.Creation.ForKey(userId, scope, key, firstClaimed), attempt));
            }
            catch (ConditionalCheckFailedException ex)
            {
                var existing = ex.Item is { Count: > 0 } old ? old : await ReadAsync(userId, scope, key, cancellationToken).ConfigureAwait(false);
                if (existing is null && round < 2)
                {
                    continue; // released between our write and our read: claim again
                }

                if (existing is null)
                {
                    return new IdempotencyOutcome(IdempotencyState.InFlight);
                }

                if ((existing.GetLong(Keys.TimeToLive) ?? long.MaxValue) < now.ToUnixTimeSeconds())
                {
                    // Past its retention but not yet removed by TTL: it no longer binds the key. Remove it, then claim afresh.
                    if (round < 2)
                    {
                        await DeleteExpiredAsync(userId, scope, key, now, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    return new IdempotencyOutcome(IdempotencyState.InFlight);
                }

                return Interpret(existing, requestHash);
            }
        }
    }

    /// <summary>
    /// The record of a create whose item and record are written in one transaction (one request on the happy
    /// path, no lease, never in progress): put with the item only if the key is free, and already holding the
    /// response to replay. Its condition failing means the key was used before: <see cref="ResolveTakenAsync"/>.
    /// </summary>
    public TransactWriteItem CompletedRecord(string userId, string scope, string key, string requestHash, StoredResponse response)
    {
        var now = _time.GetUtcNow();
        var item = RecordKey(userId, scope, key);
        item[Keys.EntityType] = Attributes.S(Entity);
        item["status"] = Attributes.S(Completed);
        item["requestHash"] = Attributes.S(requestHash);
        item[Keys.TimeToLive] = Attributes.N(now.Add(Retention).ToUnixTimeSeconds());
        item["firstClaimedAt"] = Attributes.N(now.ToUnixTimeMilliseconds());
        item["attempts"] = Attributes.N(1);
        item["responseStatus"] = Attributes.N(response.StatusCode);
        item["responseBody"] = new AttributeValue { B = new MemoryStream(response.Body) };
        item["responseContentType"] = Attributes.S(response.ContentType);
        item["responseHeaders"] = new AttributeValue { M = response.Headers.ToDictionary(h => h.Key, h => Attributes.S(h.Value)) };
        return new TransactWriteItem
        {
            Put = new Put
            {
                TableName = _table,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        };
    }

    /// <summary>
    /// What the record that made a <see cref="CompletedRecord"/> fail means for this request (replay, 422, or
    /// 409 while a claimed request runs). <paramref name="existing"/> is the record DynamoDB returned with the
    /// cancellation, if it did. Null when no record binds the key any more (released meanwhile, or past its
    /// retention and now removed): the create may be tried again.
    /// </summary>
    public async Task<IdempotencyOutcome?> ResolveTakenAsync(string userId, string scope, string key, string requestHash, Dictionary<string, AttributeValue>? existing, CancellationToken cancellationToken)
    {
        existing = existing is { Count: > 0 } ? existing : await ReadAsync(userId, scope, key, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (existing is null)
        {
            return null;
        }

        if ((existing.GetLong(Keys.TimeToLive) ?? long.MaxValue) < now.ToUnixTimeSeconds())
        {
            await DeleteExpiredAsync(userId, scope, key, now, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return Interpret(existing, requestHash);
    }

    private static IdempotencyOutcome Interpret(Dictionary<string, AttributeValue> existing, string requestHash)
    {
        if (existing.GetString("requestHash") != requestHash)
        {
            return new IdempotencyOutcome(IdempotencyState.Mismatch);
        }

        return existing.GetString("status") == Completed
            ? new IdempotencyOutcome(IdempotencyState.Replay, Response: ToResponse(existing))
            : new IdempotencyOutcome(IdempotencyState.InFlight);
    }

    /// <summary>Stores the response to replay. False when the claim is no longer ours (another attempt took over after the lease).</summary>
    public Task<bool> CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken)
    {
        return IfStillOursAsync(_client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = RecordKey(claim),
                UpdateExpression = "SET #status = :completed, responseStatus = :code, responseBody = :body, responseContentType = :type, responseHeaders = :headers REMOVE leaseExpiresAt",
                ConditionExpression = "#status = :inProgress AND claimToken = :token",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = new()
                {
                    [":completed"] = Attributes.S(Completed),
                    [":inProgress"] = Attributes.S(InProgress),
                    [":token"] = Attributes.S(claim.Token),
                    [":code"] = Attributes.N(response.StatusCode),
                    [":body"] = new AttributeValue { B = new MemoryStream(response.Body) },
                    [":type"] = Attributes.S(response.ContentType),
                    [":headers"] = new AttributeValue { M = response.Headers.ToDictionary(h => h.Key, h => Attributes.S(h.Value)) },
                },
            },
            cancellationToken));
    }

    /// <summary>
    /// Deletes the record of an attempt that is known to have written nothing, so the key can be used again,
    /// even with another body. Only for a first attempt (<see cref="IdempotencyClaim.Attempt"/> 1): after an
    /// attempt of unknown outcome the record must stay, since it alone fixes the item's identity. False when
    /// the claim is no longer ours or is not a first attempt.
    /// </summary>
    public Task<bool> ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        return IfStillOursAsync(_client.DeleteItemAsync(
            new DeleteItemRequest
            {
                TableName = _table,
                Key = RecordKey(claim),
                ConditionExpression = "#status = :inProgress AND claimToken = :token AND attempts = :one",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = new() { [":inProgress"] = Attributes.S(InProgress), [":token"] = Attributes.S(claim.Token), [":one"] = Attributes.N(1) },
            },
            cancellationToken));
    }

    /// <summary>
    /// Ends the lease of an attempt whose outcome is unknown, keeping the record: the same request may be
    /// retried at once (and converges on the same item), another body under the key is still refused.
    /// </summary>
    public Task<bool> EndLeaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        return IfStillOursAsync(_client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = RecordKey(claim),
                UpdateExpression = "SET #lease = :zero",
                ConditionExpression = "#status = :inProgress AND claimToken = :token",
                ExpressionAttributeNames = new() { ["#status"] = "status", ["#lease"] = "leaseExpiresAt" },
                ExpressionAttributeValues = new()
                {
                    [":inProgress"] = Attributes.S(InProgress),
                    [":token"] = Attributes.S(claim.Token),
                    [":zero"] = Attributes.N(0),
                },
            },
            cancellationToken));
    }

    /// <summary>Runs a write conditional on the claim still being ours: false when the condition failed (another attempt holds the key).</summary>
    private static async Task<bool> IfStillOursAsync(Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task DeleteExpiredAsync(string userId, string scope, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = RecordKey(userId, scope, key),
                    // Safe without a token: any claim made since would have moved the TTL into the future.
                    ConditionExpression = "#ttl < :nowS",
                    ExpressionAttributeNames = new() { ["#ttl"] = Keys.TimeToLive },
                    ExpressionAttributeValues = new() { [":nowS"] = Attributes.N(now.ToUnixTimeSeconds()) },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // someone else removed or renewed it first; the next round reads what is there now
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(string userId, string scope, string key, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = RecordKey(userId, scope, key), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static StoredResponse ToResponse(Dictionary<string, AttributeValue> item) => new(
        (int)(item.GetLong("responseStatus") ?? 200),
        item.TryGetValue("responseBody", out var body) && body.B is { } stream ? stream.ToArray() : [],
        item.GetString("responseContentType") ?? "application/json",
        item.TryGetValue("responseHeaders", out var headers) && headers.M is { } map
            ? map.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.S)).ToList()
            : []);

    private static Dictionary<string, AttributeValue> RecordKey(IdempotencyClaim claim) => RecordKey(claim.UserId, claim.Scope, claim.Key);

    private static Dictionary<string, AttributeValue> RecordKey(string userId, string scope, string key) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Idempotency(scope, key)),
    };
}
