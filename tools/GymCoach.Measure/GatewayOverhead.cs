using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using GymCoach.Lambda.Http;
using GymCoach.Local;
using GymCoach.Local.Emulation;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// What the local gateway and emulator add per request: the same GET /profiles/me through HTTP → gateway →
/// pool → instance, against the event posted straight to an instance's Runtime API. Both run the same AOT
/// bootstrap doing the same DynamoDB read, so the difference is the local stack's own cost.
/// </summary>
internal static class GatewayOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var lines = new List<string>();
        await using var stack = await LocalStack.StartAsync(new LocalStackOptions { Port = FreePort.Next(), InMemory = true, Log = lines.Add });
        var pool = stack.Functions["ProfilesFunction"];
        var token = stack.Tokens.Issue("overhead", TimeSpan.FromHours(1));
        using var http = new HttpClient { BaseAddress = new Uri(stack.BaseUrl) };

        async Task<double> ViaGatewayAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/profiles/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return clock.Elapsed.TotalMilliseconds;
        }

        await using var direct = await FunctionInstance.StartAsync(pool.Spec, 99, _ => { });
        var payload = HttpApiEventWriter.Write(
            new HttpApiRequest
            {
                Version = "2.0",
                RouteKey = "GET /profiles/me",
                RawPath = "/profiles/me",
                RawQueryString = string.Empty,
                Headers = new Dictionary<string, string> { ["authorization"] = "Bearer " + token, ["host"] = "127.0.0.1" },
                RequestContext = new HttpApiRequestContext
                {
                    RequestId = "direct",
                    RouteKey = "GET /profiles/me",
                    Http = new HttpApiHttpDescription { Method = "GET", Path = "/profiles/me", Protocol = "HTTP/1.1", SourceIp = "127.0.0.1" },
                    Authorizer = new HttpApiAuthorizer { Jwt = new HttpApiJwtAuthorizer { Claims = new Dictionary<string, string> { ["sub"] = "overhead" } } },
                },
            });

        async Task<double> DirectAsync()
        {
            var clock = Stopwatch.StartNew();
            var (status, _, _) = await direct.InvokeAsync(payload, Guid.NewGuid().ToString(), TimeSpan.FromSeconds(10));
            if (status != InvokeStatus.Success)
            {
                throw new InvalidOperationException($"direct invoke: {status}");
            }

            return clock.Elapsed.TotalMilliseconds;
        }

        // Warm both paths (JIT of the gateway, the function's first calls, DynamoDB Local's JVM).
        for (var i = 0; i < 200; i++)
        {
            await ViaGatewayAsync();
            await DirectAsync();
        }

        var gateway = new List<double>(requests);
        var straight = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            gateway.Add(await ViaGatewayAsync());
            straight.Add(await DirectAsync());
        }

        gateway.Sort();
        straight.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{requests} sequential GET /profiles/me each way (AOT bootstrap, DynamoDB Local):"));
        foreach (var p in new[] { 0.5, 0.9, 0.99 })
        {
            var g = Stats.Percentile(gateway, p);
            var d = Stats.Percentile(straight, p);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p{p * 100:F0}: via gateway {g:F3} ms, direct Runtime API {d:F3} ms, overhead {g - d:F3} ms"));
        }

        return 0;
    }
}
