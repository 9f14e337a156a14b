using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Benchmarks;

/// <summary>Bytes allocated by each stage of a cached GET, to see where the handler's allocations go.</summary>
internal static class AllocationBreakdown
{
    public static void Run()
    {
        var bench = new HandlerBenchmarks();
        bench.Setup();
        var payload = ApiEvents.Serialize(ApiEvents.Request("GET", "/profiles/me", "alice"));
        for (var i = 0; i < 1000; i++)
        {
            bench.CachedGet().AsTask().GetAwaiter().GetResult();
            HttpApiRequestReader.Read(payload);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        HttpApiRequestReader.Read(payload);
        var parse = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        bench.CachedGet().AsTask().GetAwaiter().GetResult();
        var total = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"event parse: {parse} B; whole cached GET: {total} B; everything but the parse: {total - parse} B");
    }
}
