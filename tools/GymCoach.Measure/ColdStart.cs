using System.Globalization;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// Spawn → first response of one bootstrap, the table's way (<see cref="ColdStartHarness"/>: spawned directly,
/// one warmed Runtime API, DynamoDB behind TLS), at full CPU. Usage: coldstart &lt;bootstrap&gt; [runs=10] [path?query]
/// </summary>
/// <remarks>
/// It used to start each run under a watchdog shell with a fresh Runtime API server and queue the event before
/// the spawn: the floor program measured 11.7 ms that way against 3.2 ms now, harness time in every figure.
/// </remarks>
internal static class ColdStart
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: GymCoach.Measure coldstart <bootstrap> [runs] [path?query]");
            return 2;
        }

        var bootstrap = Path.GetFullPath(args[0]);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var target = (args.Length > 2 ? args[2] : "/profiles/me").Split('?', 2);
        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        const string table = "gymcoach-coldstart";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);
        await using var tls = await TlsProxy.StartAsync(new Uri(dynamo.Endpoint).Port);
        await using var api = await RuntimeApiServer.StartAsync();
        var harness = new ColdStartHarness(api, tls, table);
        var program = new Target(Path.GetFileName(Path.GetDirectoryName(bootstrap)) ?? "bootstrap", "as built", bootstrap, target[0], target.Length > 1 ? target[1] : string.Empty);
        await harness.MeasureAsync(program, cgroup: null, warm: 5);
        var samples = new List<RunSample>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await harness.MeasureAsync(program, cgroup: null, warm: 0));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1,2}: {samples[^1].ColdMs,8:F1} ms (init {samples[^1].InitMs:F1})"));
        }

        var cold = samples.Select(s => s.ColdMs).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bootstrap {new FileInfo(bootstrap).Length / 1024.0 / 1024.0:F1} MiB; spawn → first response over {runs} runs (DynamoDB over TLS): median {Stats.Median(cold):F1} ms, p90 {Stats.Percentile(cold, 0.9):F1} ms, min {cold.Min():F1} ms, max {cold.Max():F1} ms; peak RSS median {Stats.Median(samples.Select(s => s.PeakRssKb / 1024.0).ToList()):F1} MB"));
        return 0;
    }
}
