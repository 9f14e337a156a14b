using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.Profiles;
using GymCoach.TestSupport;
using NSubstitute;

namespace GymCoach.Benchmarks;

/// <summary>
/// One GET /profiles/me through the real Profiles function — event JSON in, routing, identity, cache hit,
/// body and envelope JSON out, the request log line — with the profile already cached: the per-request cost
/// our code adds on top of Lambda and DynamoDB.
/// </summary>
[MemoryDiagnoser]
[InProcessJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
public class HandlerBenchmarks
{
    private HttpFunction _function = null!;
    private byte[] _event = null!;
    private ReusableBuffer _response = null!;
    private InvocationContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var client = Substitute.For<IAmazonDynamoDB>();
        client.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>()).Returns(new GetItemResponse
        {
            Item = new Dictionary<string, AttributeValue>
            {
                ["PK"] = new() { S = "USER#alice" },
                ["SK"] = new() { S = "PROFILE" },
                ["userId"] = new() { S = "alice" },
                ["displayName"] = new() { S = "Alice" },
                ["units"] = new() { S = "metric" },
                ["heightCm"] = new() { N = "170" },
                ["goals"] = new() { L = [new() { S = "strength" }] },
                ["equipment"] = new() { L = [new() { S = "barbell" }] },
                ["version"] = new() { N = "3" },
                ["createdAt"] = new() { S = "2026-11-01T10:00:00Z" },
                ["updatedAt"] = new() { S = "2026-11-20T10:00:00Z" },
            },
        });
        _function = ProfilesFunction.Create(client, "bench", new CursorCodec("k"), TimeProvider.System, new LambdaLogger(Stream.Null, "profiles", json: true));
        _event = ApiEvents.Serialize(ApiEvents.Request("GET", "/profiles/me", "alice"));
        _response = new ReusableBuffer();
        _context = new InvocationContext("bench", DateTimeOffset.MaxValue, null, "Root=1-bench", false, CancellationToken.None);
        CachedGet().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public ValueTask CachedGet()
    {
        _response.Reset();
        return _function.HandleAsync(_event, _response, _context);
    }
}
