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
        var logger = new GymCoach.Lambda.Logging.LambdaLogger(Stream.Null, "profiles", json: true);
        var entry = new GymCoach.Lambda.Logging.RequestLogEntry("r", "t", false, "GET", "GET /profiles/me", 200, 1.5);
        logger.Request(entry);
        before = GC.GetAllocatedBytesForCurrentThread();
        logger.Request(entry);
        var log = GC.GetAllocatedBytesForCurrentThread() - before;

        var method = "GET";
        before = GC.GetAllocatedBytesForCurrentThread();
        _ = method.ToUpperInvariant();
        var upper = GC.GetAllocatedBytesForCurrentThread() - before;
        var response = new GymCoach.Profiles.Domain.ProfileResponse
        {
            UserId = "alice", DisplayName = "Alice", Units = "metric", HeightCm = 170, Goals = ["strength"], Equipment = ["barbell"],
            Version = 3, CreatedAt = "2026-11-01T10:00:00Z", UpdatedAt = "2026-11-01T10:00:00Z", TimeZone = "UTC",
        };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        System.Text.Json.JsonSerializer.Serialize(writer, response, GymCoach.Profiles.ProfilesJsonContext.Default.ProfileResponse);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        before = GC.GetAllocatedBytesForCurrentThread();
        System.Text.Json.JsonSerializer.Serialize(writer, response, GymCoach.Profiles.ProfilesJsonContext.Default.ProfileResponse);
        var serialize = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"serialize ProfileResponse: {serialize} B");
        Console.WriteLine($"log line: {log} B; ToUpperInvariant of an upper-case method: {upper} B");
        Console.WriteLine($"event parse: {parse} B; whole cached GET: {total} B; everything but the parse: {total - parse} B");
    }
}
