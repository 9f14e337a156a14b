using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// Spawn → first response of a service's bootstrap (init plus first invoke, as a Lambda cold start), with
/// DynamoDB Local behind it. Usage: coldstart &lt;bootstrap&gt; [runs=10] [method] [path]
/// </summary>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: GymCoach.Measure coldstart <bootstrap> [runs] [method] [path]");
            return 2;
        }

        var bootstrap = Path.GetFullPath(args[0]);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var method = args.Length > 2 ? args[2] : "GET";
        var path = args.Length > 3 ? args[3] : "/profiles/me";

        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        const string table = "gymcoach-coldstart";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);

        var eventJson = """
            {"version":"2.0","routeKey":"$default","rawPath":"PATH","rawQueryString":"","headers":{"accept":"application/json"},
             "requestContext":{"http":{"method":"METHOD","path":"PATH","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"coldstart"},
             "requestId":"cs","authorizer":{"jwt":{"claims":{"sub":"coldstart-user"}}},"timeEpoch":0},"isBase64Encoded":false}
            """.Replace("PATH", path, StringComparison.Ordinal).Replace("METHOD", method, StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetBytes(eventJson);
        var samples = new List<double>();
        // Run -1 warms DynamoDB Local (its JVM compiles GetItem on first use) and is not counted.
        for (var i = -1; i < runs; i++)
        {
            await using var runtimeApi = await RuntimeApiServer.StartAsync();
            var environment = FunctionEnvironment.Local(runtimeApi.Address, dynamo.Endpoint, table);
            var invoke = runtimeApi.InvokeAsync(payload, TimeSpan.FromSeconds(30));
            var clock = Stopwatch.StartNew();
            await using var process = ChildProcess.Start("bootstrap", bootstrap, [], environment: environment);
            var result = await invoke;
            clock.Stop();
            if (result.Outcome != InvocationOutcome.Response)
            {
                Console.Error.WriteLine($"run {i + 1}: {result.Outcome}\n{process.Output}");
                return 1;
            }

            if (i < 0)
            {
                continue;
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1,2}: {clock.Elapsed.TotalMilliseconds,8:F1} ms"));
        }

        samples.Sort();
        var median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[(samples.Count / 2) - 1] + samples[samples.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bootstrap {new FileInfo(bootstrap).Length / 1024.0 / 1024.0:F1} MiB; spawn → first response over {runs} runs: median {median:F1} ms, p90 {Stats.Percentile(samples, 0.9):F1} ms, min {samples[0]:F1} ms, max {samples[^1]:F1} ms"));
        return 0;
    }
}
