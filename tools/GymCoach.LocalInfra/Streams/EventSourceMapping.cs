using System.Text.Json;
using System.Text.Json.Nodes;

namespace GymCoach.LocalInfra.Streams;

/// <summary>
/// Lambda's DynamoDB event source mapping, emulated over DynamoDB Local's stream: it reads every shard in
/// order (a child only after its parent is drained), drops records the filter rejects, invokes the consumer with
/// up to <see cref="StreamEventSource.BatchSize"/> records, and on failure does what Lambda does — retry from the
/// first reported <c>batchItemFailures</c> record, bisect a batch whose invoke errored, and after
/// <see cref="StreamEventSource.MaximumRetryAttempts"/> retries send the batch's description to the failure
/// destination (a JSON file per batch under the destination's directory) and move on.
/// </summary>
public sealed class EventSourceMapping : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly StreamsApi _api;
    private readonly string _streamArn;
    private readonly StreamEventSource _source;
    private readonly Func<byte[], CancellationToken, Task<StreamInvokeResult>> _invoke;
    private readonly string? _destinationDirectory;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (string? Iterator, string? Last, bool Drained)> _shards = new(StringComparer.Ordinal);
    private readonly List<FailedBatch> _failed = [];
    private readonly Lock _gate = new();
    private Task? _loop;
    private long _quietPasses;

    public EventSourceMapping(StreamsApi api, string streamArn, StreamEventSource source, Func<byte[], CancellationToken, Task<StreamInvokeResult>> invoke, string? destinationDirectory, Action<string> log)
    {
        _api = api;
        _streamArn = streamArn;
        _source = source;
        _invoke = invoke;
        _destinationDirectory = destinationDirectory;
        _log = log;
    }

    public long Invocations { get; private set; }

    public long RecordsDelivered { get; private set; }

    public long RecordsFilteredOut { get; private set; }

    public IReadOnlyList<FailedBatch> FailedBatches
    {
        get
        {
            lock (_gate)
            {
                return _failed.ToList();
            }
        }
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Completes once the mapping has read the stream to its end twice in a row with nothing new (everything written before the call is delivered).</summary>
    public async Task CaughtUpAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref _quietPasses) + 2;
        var deadline = DateTime.UtcNow + timeout;
        while (Interlocked.Read(ref _quietPasses) < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {_source.EventName} event source did not catch up within {timeout}.");
            }

            if (_loop is { IsFaulted: true } failed)
            {
                throw new InvalidOperationException("The event source mapping stopped.", failed.Exception);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await PassAsync(cancellationToken).ConfigureAwait(false);
                if (delivered)
                {
                    Interlocked.Exchange(ref _quietPasses, 0);
                    continue;
                }

                Interlocked.Increment(ref _quietPasses);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException)
            {
                _log($"[{_source.EventName}] reading the stream failed, retrying: {ex.Message}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One read of every open shard; true when it read any record.</summary>
    private async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        var shards = await _api.ShardsAsync(_streamArn, cancellationToken).ConfigureAwait(false);
        var known = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        var read = false;
        foreach (var shard in shards)
        {
            var state = _shards.GetValueOrDefault(shard.ShardId);
            var parentPending = shard.ParentShardId is { } parent && known.Contains(parent) && !_shards.GetValueOrDefault(parent).Drained;
            if (state.Drained || parentPending)
            {
                continue;
            }

            var iterator = state.Iterator ?? await _api.IteratorAsync(_streamArn, shard.ShardId, state.Last, cancellationToken).ConfigureAwait(false);
            while (iterator is not null)
            {
                var (records, next) = await _api.RecordsAsync(iterator, _source.BatchSize, cancellationToken).ConfigureAwait(false);
                iterator = next;
                if (records.Count == 0)
                {
                    break;
                }

                read = true;
                foreach (var record in records)
                {
                    record["eventSourceARN"] = _streamArn;
                }

                var passing = records.Where(_source.Filter.Passes).ToList();
                RecordsFilteredOut += records.Count - passing.Count;
                if (passing.Count > 0)
                {
                    await DeliverAsync(shard.ShardId, passing, 0, cancellationToken).ConfigureAwait(false);
                }

                state.Last = SequenceOf(records[^1]);
                _shards[shard.ShardId] = state with { Iterator = iterator };
            }

            _shards[shard.ShardId] = state with { Iterator = iterator, Drained = iterator is null && shard.Closed };
        }

        return read;
    }

    private async Task DeliverAsync(string shardId, List<JsonObject> batch, int attempts, CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Records"] = new JsonArray(batch.Select(r => r.DeepClone()).ToArray()) });
            Invocations++;
            var result = await _invoke(payload, cancellationToken).ConfigureAwait(false);
            int failedFrom;
            if (result.FunctionError)
            {
                failedFrom = 0;
                if (_source.BisectBatchOnFunctionError && batch.Count > 1)
                {
                    // Bisecting does not count as a retry (as on Lambda): each half is then retried on its own.
                    _log($"[{_source.EventName}] invoke failed; bisecting {batch.Count} records");
                    var half = batch.Count / 2;
                    await DeliverAsync(shardId, batch[..half], attempts, cancellationToken).ConfigureAwait(false);
                    await DeliverAsync(shardId, batch[half..], attempts, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            else
            {
                failedFrom = FirstFailure(batch, result.Payload);
                if (failedFrom < 0)
                {
                    RecordsDelivered += batch.Count;
                    return;
                }

                RecordsDelivered += failedFrom;
            }

            batch = batch[failedFrom..];
            attempts++;
            if (_source.MaximumRetryAttempts >= 0 && attempts > _source.MaximumRetryAttempts)
            {
                Fail(shardId, batch, attempts, result.FunctionError ? "RetryAttemptsExhausted (function error)" : "RetryAttemptsExhausted");
                return;
            }

            _log($"[{_source.EventName}] {batch.Count} record(s) from {SequenceOf(batch[0])} failed; retry {attempts} of {_source.MaximumRetryAttempts}");
            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempts), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The index the retry starts from, or −1 when all succeeded. A malformed answer fails the whole batch, as on Lambda.</summary>
    private int FirstFailure(List<JsonObject> batch, byte[] payload)
    {
        if (!_source.ReportBatchItemFailures)
        {
            return -1;
        }

        try
        {
            var failures = JsonNode.Parse(payload)?["batchItemFailures"]?.AsArray();
            if (failures is null || failures.Count == 0)
            {
                return -1;
            }

            var ids = failures.Select(f => f?["itemIdentifier"]?.GetValue<string>()).ToList();
            var indexes = ids.Select(id => batch.FindIndex(r => SequenceOf(r) == id)).ToList();
            return indexes.Any(i => i < 0) ? 0 : indexes.Min();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return 0;
        }
    }

    private void Fail(string shardId, List<JsonObject> batch, int attempts, string condition)
    {
        var info = new JsonObject
        {
            ["requestContext"] = new JsonObject { ["requestId"] = Guid.NewGuid().ToString(), ["condition"] = condition, ["approximateInvokeCount"] = attempts },
            ["version"] = "1.0",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["DDBStreamBatchInfo"] = new JsonObject
            {
                ["shardId"] = shardId,
                ["startSequenceNumber"] = SequenceOf(batch[0]),
                ["endSequenceNumber"] = SequenceOf(batch[^1]),
                ["batchSize"] = batch.Count,
                ["streamArn"] = _streamArn,
            },
        };
        var json = info.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var failed = new FailedBatch(_source.FailureDestination ?? "(none)", shardId, SequenceOf(batch[0]), SequenceOf(batch[^1]), batch.Count, attempts, condition, json);
        lock (_gate)
        {
            _failed.Add(failed);
        }

        if (_destinationDirectory is not null && _source.FailureDestination is not null)
        {
            var directory = Path.Combine(_destinationDirectory, _source.FailureDestination);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{failed.StartSequenceNumber}.json"), json);
        }

        _log($"[{_source.EventName}] {batch.Count} record(s) {failed.StartSequenceNumber}…{failed.EndSequenceNumber} sent to {failed.Destination} after {attempts} invokes");
    }

    private static string SequenceOf(JsonObject record) => record["dynamodb"]!["SequenceNumber"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _api.Dispose();
    }
}
