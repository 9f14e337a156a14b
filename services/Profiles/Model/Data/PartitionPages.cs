using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;

namespace GymCoach.Profiles.Data;

/// <summary>One page of a user's partition, in sort-key order.</summary>
public sealed record PartitionPage(List<Dictionary<string, AttributeValue>> Items, bool Last);

/// <summary>
/// Reads one user's whole partition in sort-key order, a page at a time, from just after a sort key. The next
/// page is requested while the caller works on this one (the export serialises and uploads, the deletion
/// deletes), so reading and working overlap instead of alternating.
/// </summary>
public sealed class PartitionPages : IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly string _userId;
    private readonly bool _keysOnly;
    private readonly int _pageSize;
    private readonly CancellationTokenSource _stop = new();
    private Task<QueryResponse>? _next;

    public PartitionPages(IAmazonDynamoDB client, string table, string userId, string? after, bool keysOnly, int pageSize)
    {
        _client = client;
        _table = table;
        _userId = userId;
        _keysOnly = keysOnly;
        _pageSize = pageSize;
        _next = QueryAsync(after is null ? null : new() { [Keys.PartitionKey] = Attributes.S(Keys.User(userId)), [Keys.SortKey] = Attributes.S(after) });
    }

    /// <summary>Query requests made so far.</summary>
    public int Requests { get; private set; } = 1;

    public async Task<PartitionPage> NextAsync(CancellationToken cancellationToken)
    {
        var response = await (_next ?? throw new InvalidOperationException("The partition has been read to its end.")).WaitAsync(cancellationToken).ConfigureAwait(false);
        var last = response.LastEvaluatedKey is not { Count: > 0 };
        _next = last ? null : QueryAsync(response.LastEvaluatedKey);
        Requests += last ? 0 : 1;
        return new PartitionPage(response.Items ?? [], last);
    }

    /// <summary>Stops a page read ahead that nobody will take, and observes its outcome.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _next?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _stop.Dispose();
    }

    private Task<QueryResponse> QueryAsync(Dictionary<string, AttributeValue>? startKey) =>
        _client.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = _keysOnly
                    ? new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey }
                    : new() { ["#pk"] = Keys.PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(_userId)) },
                ProjectionExpression = _keysOnly ? "#pk, #sk" : null,
                ExclusiveStartKey = startKey,
                Limit = _pageSize,
                ConsistentRead = true,
            },
            _stop.Token);
}
