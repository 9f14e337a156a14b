using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using GymCoach.Lambda.Logging;

namespace GymCoach.Data.Batching;

/// <summary>
/// Reads and writes many items with the fewest round trips DynamoDB allows: keys are deduplicated, cut into
/// chunks at DynamoDB's limits (100 gets, 25 writes), the chunks run in parallel up to a bound, and what
/// DynamoDB leaves unprocessed (or a throttled/failed chunk) is retried with exponential backoff and full
/// jitter within a budget. Whatever still fails is returned key by key, never dropped.
/// </summary>
public sealed class BatchOptimizer
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly BatchOptions _options;
    private readonly Metrics? _metrics;

    public BatchOptimizer(IAmazonDynamoDB client, string table, BatchOptions? options = null, Metrics? metrics = null)
    {
        _client = client;
        _table = table;
        _options = options ?? BatchOptions.Default;
        _metrics = metrics;
    }

    public async Task<BatchGetResult> GetAsync(IEnumerable<ItemKey> keys, bool consistentRead = false, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var unique = keys.Distinct().ToList();
        var found = new ConcurrentDictionary<ItemKey, Dictionary<string, AttributeValue>>();
        var failed = new ConcurrentBag<ItemKey>();
        var counters = new Counters();

        await Parallel.ForEachAsync(
            unique.Chunk(BatchOptions.MaxGetChunk),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var pending = chunk.Select(k => k.ToAttributes()).ToList();
                await RetryAsync(
                    counters,
                    async () =>
                    {
                        var response = await _client.BatchGetItemAsync(
                            new BatchGetItemRequest
                            {
                                RequestItems = new() { [_table] = new KeysAndAttributes { Keys = pending, ConsistentRead = consistentRead } },
                            },
                            ct).ConfigureAwait(false);
                        if (response.Responses?.TryGetValue(_table, out var items) == true)
                        {
                            foreach (var item in items ?? [])
                            {
                                found[ItemKey.From(item)] = item;
                            }
                        }

                        pending = response.UnprocessedKeys?.TryGetValue(_table, out var unprocessed) == true ? unprocessed?.Keys ?? [] : [];
                        return pending.Count;
                    },
                    () => { foreach (var key in pending) { failed.Add(ItemKey.From(key)); } },
                    ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var failedSet = failed.ToHashSet();
        var statistics = counters.ToStatistics("BatchGet", unique.Count, failedSet.Count, clock.Elapsed);
        Emit(statistics);
        return new BatchGetResult
        {
            Items = found,
            Missing = unique.Where(k => !found.ContainsKey(k) && !failedSet.Contains(k)).ToList(),
            Failed = failedSet.ToList(),
            Statistics = statistics,
        };
    }

    public async Task<BatchWriteResult> WriteAsync(IEnumerable<WriteOperation> operations, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();

        // BatchWriteItem rejects two writes to one key in a request: the last write to a key wins, as it
        // would if the writes were applied one after another.
        var byKey = new Dictionary<ItemKey, WriteOperation>();
        foreach (var operation in operations)
        {
            byKey[operation.Key] = operation;
        }

        var failed = new ConcurrentBag<ItemKey>();
        var counters = new Counters();
        await Parallel.ForEachAsync(
            byKey.Values.Chunk(BatchOptions.MaxWriteChunk),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelism, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var pending = chunk.Select(o => o.ToRequest()).ToList();
                await RetryAsync(
                    counters,
                    async () =>
                    {
                        var response = await _client.BatchWriteItemAsync(
                            new BatchWriteItemRequest { RequestItems = new() { [_table] = pending } },
                            ct).ConfigureAwait(false);
                        pending = response.UnprocessedItems?.TryGetValue(_table, out var unprocessed) == true ? unprocessed ?? [] : [];
                        return pending.Count;
                    },
                    () => { foreach (var request in pending) { failed.Add(WriteOperation.KeyOf(request)); } },
                    ct).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var failedList = failed.Distinct().ToList();
        var statistics = counters.ToStatistics("BatchWrite", byKey.Count, failedList.Count, clock.Elapsed);
        Emit(statistics);
        return new BatchWriteResult { Written = byKey.Count - failedList.Count, Failed = failedList, Statistics = statistics };
    }

    /// <summary>Errors after which the same request may succeed: throttling, 5xx, timeouts, broken connections.</summary>
    internal static bool IsRetryable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException or InternalServerErrorException => true,
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "TooManyRequestsException" } => true,
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonClientException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Runs <paramref name="attempt"/> (returns how many items are still pending) until none are, the retries run out or the budget is spent.</summary>
    private async Task RetryAsync(Counters counters, Func<Task<int>> attempt, Action giveUp, CancellationToken cancellationToken)
    {
        var budget = Stopwatch.StartNew();
        for (var round = 0; ; round++)
        {
            int pending;
            Interlocked.Increment(ref counters.Requests);
            try
            {
                pending = await attempt().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRetryable(ex, cancellationToken))
            {
                pending = -1; // the whole request failed: everything it carried is still pending
            }

            if (pending == 0)
            {
                return;
            }

            if (round >= _options.MaxRetries || budget.Elapsed >= _options.RetryBudget)
            {
                giveUp();
                return;
            }

            Interlocked.Increment(ref counters.Retries);
            var cap = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, round));
            var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
            var left = _options.RetryBudget - budget.Elapsed;
            await Task.Delay(delay < left ? delay : left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Emit(BatchStatistics statistics) =>
        _metrics?.Emit(
            [
                ("BatchRequests", statistics.Requests, MetricUnit.Count),
                ("BatchItems", statistics.Items, MetricUnit.Count),
                ("BatchRetries", statistics.Retries, MetricUnit.Count),
                ("BatchUnprocessed", statistics.Unprocessed, MetricUnit.Count),
                ("BatchElapsed", statistics.Elapsed.TotalMilliseconds, MetricUnit.Milliseconds),
            ],
            [("operation", statistics.Operation)]);

    private sealed class Counters
    {
        public int Requests;
        public int Retries;

        public BatchStatistics ToStatistics(string operation, int items, int unprocessed, TimeSpan elapsed) =>
            new(operation, Requests, items, Retries, unprocessed, elapsed);
    }
}
