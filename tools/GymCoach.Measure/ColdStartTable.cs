using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// The cold-start and cost table: every service published Native AOT and JIT (framework-dependent,
/// ReadyToRun), each cold-started ≥ 10 times against one warmed Runtime API with DynamoDB behind TLS, under
/// Lambda's CPU share for each memory size (applied from the first GET next), with a floor row: a tiny C
/// program that answers at once, so the harness's own cost shows in the same table.
/// Usage: table [--runs 10] [--warm 50] [--memory 128,512,1769] [--services Profiles,Exercises,Workouts,Analytics] [--no-publish] [--plain-http]
/// </summary>
internal static class ColdStartTable
{
    private const string Marker = "cold-start-table";

    /// <summary>The request each service answers in the table: a read the app makes on opening a screen.</summary>
    private static readonly Dictionary<string, (string Path, string Query)> Requests = new(StringComparer.Ordinal)
    {
        ["Profiles"] = ("/profiles/me", string.Empty),
        ["Exercises"] = ("/exercises", "muscle=chest"),
        ["Workouts"] = ("/workouts/sessions/active", string.Empty),
        ["Analytics"] = ("/analytics/dashboard", string.Empty),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntOption(args, "--runs", 10);
        var warm = IntOption(args, "--warm", 50);
        var memories = Option(args, "--memory", "128,512,1769").Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToList();
        var services = Option(args, "--services", string.Join(',', Requests.Keys)).Split(',').ToList();
        var root = Path.Combine(RepoPaths.Root, "artifacts", "coldstart");

        var targets = new List<Target> { new("floor", "native C", Floor.Build(Path.Combine(root, "floor")), "/", string.Empty) };
        foreach (var service in services)
        {
            var (path, query) = Requests[service];
            foreach (var build in new[] { Build.Aot, Build.Jit })
            {
                var output = Path.Combine(root, build == Build.Aot ? "aot" : "jit", service);
                if (!args.Contains("--no-publish"))
                {
                    await PublishAsync(service, build, output);
                }

                targets.Add(new(service, build == Build.Aot ? "Native AOT" : "JIT (R2R)", Path.Combine(output, "bootstrap"), path, query));
            }
        }

        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        const string table = "gymcoach-coldstart";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);
        await using var tls = await TlsProxy.StartAsync(new Uri(dynamo.Endpoint).Port);
        await using var api = await RuntimeApiServer.StartAsync();
        // --plain-http: DynamoDB without TLS, only to show what TLS costs a cold start (never the table's figures).
        var harness = new ColdStartHarness(api, tls, table, args.Contains("--plain-http") ? dynamo.Endpoint : null);

        // Warm the harness (its server's code paths, DynamoDB Local's JVM) before anything is counted.
        foreach (var target in targets)
        {
            await harness.MeasureAsync(target, cgroup: null, warm: 5);
        }

        var tables = new StringBuilder();
        foreach (var memory in memories)
        {
            var cgroup = CpuCgroup.TryCreate($"gymcoach-coldstart-{memory}", memory)
                ?? throw new InvalidOperationException("No writable cpu cgroup (/sys/fs/cgroup/cpu, needs root): Lambda's CPU share cannot be applied.");
            var rows = new List<Row>();
            foreach (var target in targets)
            {
                var samples = new List<RunSample>();
                for (var i = 0; i < runs; i++)
                {
                    samples.Add(await harness.MeasureAsync(target, cgroup, warm));
                }

                var row = Row.From(target, memory, samples);
                rows.Add(row);
                Console.WriteLine(row.Console());
            }

            tables.Append(Markdown(memory, cgroup.QuotaMicroseconds, rows, runs, warm));
        }

        if (args.Contains("--plain-http"))
        {
            Console.WriteLine("--plain-http: nothing written (the table is measured over TLS)");
            return 0;
        }

        var document = Header(runs, warm) + tables;
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "cold-start.md"), document);
        ReplaceInReadme(tables.ToString());
        Console.WriteLine("written: docs/cold-start.md and the README's table");
        return 0;
    }

    private static async Task PublishAsync(string service, Build build, string output)
    {
        string[] flags = build == Build.Aot
            ? ["-r", "linux-x64"]
            : ["-r", "linux-x64", "--self-contained", "false", "-p:PublishAot=false", "-p:PublishReadyToRun=true"];
        var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepoPaths.Root, "services", service), "-c", "Release", .. flags, "-o", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var log = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publish of {service} ({build}) failed:\n{await log}");
        }

        Console.WriteLine($"published {service} {build}: {PackageBytes(output) / 1024.0 / 1024.0:F1} MiB");
    }

    /// <summary>What would go into the deployment zip: the publish output without symbol files.</summary>
    internal static long PackageBytes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal) && !f.EndsWith(".dbg", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);

    private static string Header(int runs, int warm) => string.Create(CultureInfo.InvariantCulture, $"""
        # Cold start and cost

        Written by `dotnet run --project tools/GymCoach.Measure -c Release -- table` on {DateTime.UtcNow:yyyy-MM-dd}
        ({Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}). Each row: {runs} cold starts (a new `bootstrap` process,
        spawned directly, against one warmed Runtime API), then {warm} warm invocations in each. DynamoDB Local sits behind
        stunnel (TLS, a CA generated per run that the bootstraps trust through `SSL_CERT_FILE`). CPU: the process runs
        unthrottled until its first `GET /next` (Lambda's init), then in a cgroup with memory/1,769 of one core.

        - **cold start**: spawn → first response (init + first invoke), median and p90; **init**: spawn → first GET next;
          **warm**: Runtime API event → response (what Lambda bills), p50 and p99 over all warm invocations.
        - **peak RSS**: VmHWM after the warm invocations; **package**: the publish output without symbols (JIT: the
          framework is not included — the managed `dotnet` runtime provides it).
        - **$/M requests**: $0.20 per million requests plus duration at the memory size, billed per ms, from the mean
          warm duration, with 1% of requests cold (init + first invoke billed, as Lambda bills a custom runtime's init).
          Prices: x86_64 $0.0000166667, arm64 $0.0000133334 per GB-s (us-east-1). The arm64 column applies arm64's price
          to durations measured on x86_64: Graviton's own speed is not measured here.
        - The **floor** row is a C program that answers at once: its figures are the harness's own cost.


        """);

    private static string Markdown(int memory, int quota, List<Row> rows, int runs, int warm)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {memory} MB ({quota / (double)CpuCgroup.PeriodMicroseconds:P1} of a core after init)\n\n");
        text.Append("| function | build | package | cold start median (p90) | init | first invoke | warm p50 / p99 | peak RSS | $/M arm64 | $/M x86_64 |\n");
        text.Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var row in rows)
        {
            text.Append(row.Markdown()).Append('\n');
        }

        var ratios = rows.Where(r => r.Build == "Native AOT").Select(aot =>
        {
            var jit = rows.Single(r => r.Name == aot.Name && r.Build != aot.Build);
            return string.Create(CultureInfo.InvariantCulture, $"{aot.Name} {jit.ColdMedian / aot.ColdMedian:F1}×");
        });
        text.Append(CultureInfo.InvariantCulture, $"\nJIT cold start ÷ AOT cold start: {string.Join(", ", ratios)} ({runs} cold starts, {warm} warm invocations each).\n\n");
        return text.ToString();
    }

    private static void ReplaceInReadme(string tables)
    {
        var readme = Path.Combine(RepoPaths.Root, "README.md");
        var text = File.ReadAllText(readme);
        var begin = $"<!-- {Marker}:begin -->";
        var end = $"<!-- {Marker}:end -->";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            Console.WriteLine($"README has no {begin} … {end} block: left as it is");
            return;
        }

        File.WriteAllText(readme, text[..(from + begin.Length)] + "\n" + tables.Replace("### ", "#### ", StringComparison.Ordinal) + text[to..]);
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private enum Build
    {
        Aot,
        Jit,
    }
}
