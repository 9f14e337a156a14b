using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GymCoach.Data;
using GymCoach.Exercises;
using GymCoach.Exercises.Data;
using GymCoach.Exercises.Domain;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.TestSupport;
using NSubstitute;

namespace GymCoach.Benchmarks;

/// <summary>
/// A warm Exercises instance answering lists through the whole handler (event in → routing, identity, the
/// cached library and caller's exercises, filtering, page, envelope out, log line). DynamoDB is a substitute
/// that hands over the real library once; warm answers never call it.
/// </summary>
[InProcessJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
[MemoryDiagnoser]
[MedianColumn]
public class ExerciseListBenchmarks
{
    private HttpFunction _function = null!;
    private byte[] _byMuscle = null!;
    private byte[] _search = null!;
    private ReusableBuffer _response = null!;
    private InvocationContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        var library = LibraryFile.Embedded().ToExercises().Select(ExerciseMapper.ToLibraryItem).ToList();
        var client = Substitute.For<IAmazonDynamoDB>();
        client.QueryAsync(Arg.Any<QueryRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var pk = call.Arg<QueryRequest>().ExpressionAttributeValues[":pk"].S;
            return new QueryResponse { Items = pk == Keys.ExerciseLibrary ? library : [] };
        });
        _function = ExercisesFunction.Create(client, "bench", new CursorCodec("benchmark-cursor-key"), TimeProvider.System, new LambdaLogger(Stream.Null, "exercises", json: true));
        _byMuscle = ApiEvents.Serialize(ApiEvents.Request("GET", "/exercises", "alice", query: new Dictionary<string, string> { ["muscle"] = "chest" }));
        _search = ApiEvents.Serialize(ApiEvents.Request("GET", "/exercises", "alice", query: new Dictionary<string, string> { ["q"] = "bench pr" }));
        _response = new ReusableBuffer();
        _context = new InvocationContext("bench", DateTimeOffset.MaxValue, null, "Root=1-bench", false, CancellationToken.None);
        ByMuscle().AsTask().GetAwaiter().GetResult();
        Search().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>GET /exercises?muscle=chest, warm: the library and the caller's own exercises cached.</summary>
    [Benchmark]
    public ValueTask ByMuscle()
    {
        _response.Reset();
        return _function.HandleAsync(_byMuscle, _response, _context);
    }

    /// <summary>GET /exercises?q=bench pr, warm.</summary>
    [Benchmark]
    public ValueTask Search()
    {
        _response.Reset();
        return _function.HandleAsync(_search, _response, _context);
    }
}
