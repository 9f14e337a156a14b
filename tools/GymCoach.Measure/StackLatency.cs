using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using GymCoach.Local;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// Warm latency of routes through the whole local stack (HTTP → gateway with JWT check → emulated Lambda →
/// AOT bootstrap → DynamoDB Local), sequentially, after 300 uncounted requests (the gateway and the client
/// are JIT-compiled: a shorter warm-up measured them, not the route). Usage: latency [requests=500] path…
/// (a path may carry a query string, e.g. "/exercises?muscle=chest").
/// </summary>
internal static class StackLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 500;
        var paths = args.SkipWhile(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)).DefaultIfEmpty("/exercises?muscle=chest").ToList();
        var lines = new List<string>();
        await using var stack = await LocalStack.StartAsync(new LocalStackOptions { Port = FreePort.Next(), InMemory = true, Log = lines.Add });
        var token = stack.Tokens.Issue("latency", TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };
        foreach (var path in paths)
        {
            var samples = new List<double>();
            for (var i = -300; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                clock.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"{path}: {(int)response.StatusCode}");
                    return 1;
                }

                if (i >= 0)
                {
                    samples.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            samples.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {requests} warm requests through the local stack: p50 {Stats.Percentile(samples, 0.5):F3} ms, p90 {Stats.Percentile(samples, 0.9):F3} ms, p99 {Stats.Percentile(samples, 0.99):F3} ms"));
        }

        return 0;
    }
}
