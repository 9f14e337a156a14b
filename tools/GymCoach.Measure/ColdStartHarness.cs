using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>A program the table cold-starts, and the request it answers.</summary>
internal sealed record Target(string Name, string Build, string Bootstrap, string Path, string Query);

/// <summary>One cold start and the warm invocations after it.</summary>
internal sealed record RunSample(double InitMs, double FirstInvokeMs, double ColdMs, IReadOnlyList<double> WarmMs, long PeakRssKb);

/// <summary>
/// Spawns a bootstrap directly (no shell or watchdog between us and it: their own start-up would be counted)
/// against one warmed Runtime API, and times it the way Lambda reports it. The request is queued only after
/// the process's first GET next, once the CPU quota is applied, so init runs unthrottled and the invoke does not;
/// a cold start is init (spawn → first GET next) plus the first invoke (event handed out → response).
/// </summary>
internal sealed class ColdStartHarness(RuntimeApiServer api, TlsProxy tls, string table, string? plainEndpoint = null)
{
    private static readonly string DotnetRoot = System.IO.Path.GetDirectoryName(Environment.ProcessPath is { } p && p.EndsWith("dotnet", StringComparison.Ordinal) ? p : "/usr/share/dotnet/dotnet")!;

    public async Task<RunSample> MeasureAsync(Target target, CpuCgroup? cgroup, int warm)
    {
        var payload = Encoding.UTF8.GetBytes(Event(target.Path, target.Query));
        var info = new ProcessStartInfo(target.Bootstrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(target.Bootstrap)!,
        };
        foreach (var (key, value) in FunctionEnvironment.Local(api.Address, plainEndpoint ?? tls.Endpoint, table))
        {
            info.Environment[key] = value;
        }

        info.Environment["SSL_CERT_FILE"] = tls.CertificateFile;
        info.Environment["_HANDLER"] = "bootstrap";
        info.Environment["DOTNET_ROOT"] = DotnetRoot;
        var output = new StringBuilder();
        var poll = api.NextPoll();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await poll.WaitAsync(TimeSpan.FromSeconds(60));
            var initMs = clock.Elapsed.TotalMilliseconds;
            cgroup?.Add(process.Id);
            var first = await api.InvokeAsync(payload, TimeSpan.FromSeconds(60));
            Check(target, first, output);

            // The first invoke is timed by the server from handing out the event to the response, as the
            // later ones: moving a process into a cgroup takes the kernel ~10 ms (an RCU grace period), time
            // the harness spends while the function waits idle in GET next, which Lambda's own events do not.
            var coldMs = initMs + first.Duration.TotalMilliseconds;
            var warmMs = new List<double>(warm);
            for (var i = 0; i < warm; i++)
            {
                var result = await api.InvokeAsync(payload, TimeSpan.FromSeconds(60));
                Check(target, result, output);
                warmMs.Add(result.Duration.TotalMilliseconds);
            }

            return new RunSample(initMs, coldMs - initMs, coldMs, warmMs, PeakRssKb(process.Id));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();

            // The killed process's pending GET next must be dropped by the server (it notices the closed
            // connection) before the next process's event is queued, or that event would go to the dead poll.
            await Task.Delay(50);
        }
    }

    private static void Check(Target target, InvocationResult result, StringBuilder output)
    {
        var body = Encoding.UTF8.GetString(result.Body);
        if (result.Outcome != InvocationOutcome.Response || body.Contains("\"statusCode\":5", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{target.Name} ({target.Build}): {result.Outcome} {body}\n{output}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }

    private static long PeakRssKb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

    private static string Event(string path, string query)
    {
        var parameters = query.Length == 0 ? string.Empty
            : ",\"queryStringParameters\":{" + string.Join(',', query.Split('&').Select(p => p.Split('=')).Select(p => $"\"{p[0]}\":\"{p[1]}\"")) + "}";
        return $$$$"""
            {"version":"2.0","routeKey":"$default","rawPath":"{{{{path}}}}","rawQueryString":"{{{{query}}}}","headers":{"accept":"application/json"}{{{{parameters}}}},
             "requestContext":{"http":{"method":"GET","path":"{{{{path}}}}","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"coldstart-table"},
             "requestId":"cst","authorizer":{"jwt":{"claims":{"sub":"coldstart-user"}}},"timeEpoch":0},"isBase64Encoded":false}
            """;
    }
}
