using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Benchmarks;

/// <summary>
/// 1,000 items read and written through the batch optimizer vs one call per item, against DynamoDB Local
/// behind a handler that adds a 5 ms round trip to every request (what a real network costs).
/// </summary>
[InProcessJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class OptimizerBenchmarks
{
    private const int Count = 1000;
    private DynamoDbFixture _dynamo = null!;
    private AmazonDynamoDBClient _client = null!;
    private string _table = null!;
    private BatchOptimizer _optimizer = null!;
    private List<ItemKey> _keys = null!;
    private List<Dictionary<string, AttributeValue>> _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dynamo = new DynamoDbFixture();
        _dynamo.InitializeAsync().GetAwaiter().GetResult();
        _table = _dynamo.CreateTableAsync().GetAwaiter().GetResult();
        _client = _dynamo.CreateFaultyClient(new FaultInjectingHandler { Latency = TimeSpan.FromMilliseconds(5) }, maxErrorRetry: 3);
        _optimizer = new BatchOptimizer(_client, _table, new BatchOptions { MaxParallelism = 8 });
        _items = Enumerable.Range(0, Count).Select(i => new Dictionary<string, AttributeValue>
        {
            ["PK"] = new() { S = "USER#bench" },
            ["SK"] = new() { S = $"ITEM#{i:0000}" },
            ["payload"] = new() { S = new string('x', 200) },
        }).ToList();
        _keys = _items.Select(ItemKey.From).ToList();
        _optimizer.WriteAsync(_items.Select(WriteOperation.Put)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _dynamo.DisposeAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Read_Optimizer() => (await _optimizer.GetAsync(_keys)).Items.Count;

    [Benchmark]
    public async Task<int> Read_OneGetItemPerKey()
    {
        var found = 0;
        foreach (var key in _keys)
        {
            var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = key.ToAttributes() });
            found += response.Item is { Count: > 0 } ? 1 : 0;
        }

        return found;
    }

    [Benchmark]
    public async Task<int> Write_Optimizer() => (await _optimizer.WriteAsync(_items.Select(WriteOperation.Put))).Written;

    [Benchmark]
    public async Task<int> Write_OnePutItemPerItem()
    {
        foreach (var item in _items)
        {
            await _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = item });
        }

        return _items.Count;
    }
}
