using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Idempotency;

/// <summary>
/// Idempotency records in the caller's partition (<c>IDEMPOTENCY#scope#key</c>). Claiming a key is one
/// conditional put of an in-progress record carrying the request's hash and a lease; the record is then
/// completed with the response, or deleted if the request failed. A lease that ran out (a Lambda that died
/// mid-request) can be claimed again. Records expire through the table's TTL after 24 hours.
/// </summary>
public sealed class IdempotencyStore
{
    private const string InProgress = "IN_PROGRESS";
    private const string Completed = "COMPLETED";

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly TimeProvider _time;

    public IdempotencyStore(IAmazonDynamoDB client, string table, TimeProvider? time = null, TimeSpan? lease = null, TimeSpan? retention = null)
    {
        _client = client;
        _table = table;
        _time = time ?? TimeProvider.System;
        Lease = lease ?? TimeSpan.FromSeconds(60);
        Retention = retention ?? TimeSpan.FromHours(24);
    }

    /// <summary>How long an in-progress claim blocks others; longer than any function's timeout.</summary>
    public TimeSpan Lease { get; }

    public TimeSpan Retention { get; }

    public async Task<IdempotencyOutcome> BeginAsync(string userId, string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var item = new Dictionary<string, AttributeValue>(Key(userId, scope, key))
        {
            [Keys.EntityType] = Attributes.S("Idempotency"),
            ["status"] = Attributes.S(InProgress),
            ["requestHash"] = Attributes.S(requestHash),
            ["leaseExpiresAt"] = Attributes.N(now.Add(Lease).ToUnixTimeMilliseconds()),
            [Keys.TimeToLive] = Attributes.N(now.Add(Retention).ToUnixTimeSeconds()),
        };
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk) OR (#status = :inProgress AND #lease < :nowMs) OR #ttl < :nowS",
                    ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#status"] = "status", ["#lease"] = "leaseExpiresAt", ["#ttl"] = Keys.TimeToLive },
                    ExpressionAttributeValues = new()
                    {
                        [":inProgress"] = Attributes.S(InProgress),
                        [":nowMs"] = Attributes.N(now.ToUnixTimeMilliseconds()),
                        [":nowS"] = Attributes.N(now.ToUnixTimeSeconds()),
                    },
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken).ConfigureAwait(false);
            return new IdempotencyOutcome(IdempotencyState.Started);
        }
        catch (ConditionalCheckFailedException ex)
        {
            var existing = ex.Item is { Count: > 0 } old ? old : await ReadAsync(userId, scope, key, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                // Deleted between our put and our read: the previous attempt was abandoned; try once more.
                return await BeginAsync(userId, scope, key, requestHash, cancellationToken).ConfigureAwait(false);
            }

            if (existing.GetString("requestHash") != requestHash)
            {
                return new IdempotencyOutcome(IdempotencyState.Mismatch);
            }

            return existing.GetString("status") == Completed
                ? new IdempotencyOutcome(IdempotencyState.Replay, ToResponse(existing))
                : new IdempotencyOutcome(IdempotencyState.InFlight);
        }
    }

    public async Task CompleteAsync(string userId, string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await _client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(userId, scope, key),
                UpdateExpression = "SET #status = :completed, responseStatus = :code, responseBody = :body, responseContentType = :type, responseHeaders = :headers REMOVE leaseExpiresAt",
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = new()
                {
                    [":completed"] = Attributes.S(Completed),
                    [":code"] = Attributes.N(response.StatusCode),
                    [":body"] = new AttributeValue { B = new MemoryStream(response.Body) },
                    [":type"] = Attributes.S(response.ContentType),
                    [":headers"] = new AttributeValue { M = response.Headers.ToDictionary(h => h.Key, h => Attributes.S(h.Value)) },
                },
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases a claim whose request failed, so a retry with the same key runs again.</summary>
    public async Task AbandonAsync(string userId, string scope, string key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _table,
                    Key = Key(userId, scope, key),
                    ConditionExpression = "#status = :inProgress",
                    ExpressionAttributeNames = new() { ["#status"] = "status" },
                    ExpressionAttributeValues = new() { [":inProgress"] = Attributes.S(InProgress) },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // completed meanwhile, or already gone: nothing to release
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(string userId, string scope, string key, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId, scope, key), ConsistentRead = true },
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

    private static Dictionary<string, AttributeValue> Key(string userId, string scope, string key) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Idempotency(scope, key)),
    };
}
