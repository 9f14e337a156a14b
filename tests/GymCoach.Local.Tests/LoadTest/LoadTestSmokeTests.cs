using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GymCoach.Local.Gateway;
using GymCoach.LocalInfra;
using Xunit.Abstractions;

namespace GymCoach.Local.Tests.LoadTest;

/// <summary>
/// The load test as a person runs it (<c>tools/loadtest/run local smoke</c>), against the test stack: the app's
/// sessions get only statuses the app accepts, and the report draws its charts in a real browser. Latency is not
/// checked here (these tests share two cores with the stack); the load-test figures come from full runs.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed partial class LoadTestSmokeTests(LocalStackFixture local, ITestOutputHelper output) : IDisposable
{
    /// <summary>One smoke run serves both of its tests (what the app got; what the browser draws of its report).</summary>
    private static readonly SemaphoreSlim SmokeGate = new(1, 1);
    private static (int ExitCode, string Results)? _smoke;

    private readonly string _directory = Directory.CreateTempSubdirectory("gymcoach-loadtest-").FullName;

    [Fact]
    public async Task Run_SmokeAgainstTheLocalStack_EveryRequestSucceedsAndTheReportIsWritten()
    {
        var (exitCode, results) = await SmokeAsync();

        Assert.Equal(0, exitCode); // artillery's ensure: error rate 0 (a status the app would not accept counts)
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "results.json")));
        var counters = summary.RootElement.GetProperty("aggregate").GetProperty("counters");
        Assert.True(counters.GetProperty("http.requests").GetInt64() >= 20);
        Assert.Equal(0, counters.TryGetProperty("vusers.failed", out var failed) ? failed.GetInt64() : 0);
        Assert.False(counters.EnumerateObject().Any(c => c.Name.StartsWith("errors.", StringComparison.Ordinal)), "some requests failed");
        Assert.Contains("<svg id=\"latency-chart\"", await File.ReadAllTextAsync(Path.Combine(results, "report.html")), StringComparison.Ordinal);
        Assert.Contains(": PASS**", await File.ReadAllTextAsync(Path.Combine(results, "report.md")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Report_OfTheSmokeRun_DrawsItsChartsInABrowser()
    {
        var browser = HeadlessChromium.Require();
        var (_, results) = await SmokeAsync();

        var dom = await HeadlessChromium.DumpDomAsync(browser, new Uri(Path.Combine(results, "report.html")).AbsoluteUri);

        foreach (var chart in new[] { "latency-chart", "rps-chart" })
        {
            var svg = Regex.Match(dom, $"<svg id=\"{chart}\".*?</svg>", RegexOptions.Singleline);
            Assert.True(svg.Success, $"{chart} is not in the report");
            var lines = Polyline().Matches(svg.Value);
            Assert.NotEmpty(lines);
            Assert.All(lines, line => Assert.True(line.Groups["points"].Value.Trim().Split(' ').Length >= 2, $"{chart} draws a line of one point"));
        }

        Assert.Matches(@"(?s)<table id=""phases"">.*<td>smoke</td>", dom);
    }

    [Fact]
    public async Task Run_AP99NoRunCanMeet_FailsTheRunAndTheReportSaysSo()
    {
        // No request through a gateway, a process and DynamoDB takes 0 ms.
        var (exitCode, results) = await RunSmokeAsync(_directory, users: 5, seconds: 5, p99Ms: 0, warmUp: false);

        Assert.NotEqual(0, exitCode);
        var report = await File.ReadAllTextAsync(Path.Combine(results, "report.md"));
        Assert.Contains(": FAIL**", report, StringComparison.Ordinal);
        Assert.Contains("✘ p99 ≤ 0 ms", report, StringComparison.Ordinal); // failed for the threshold, not for something else
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex("<polyline points=\"(?<points>[^\"]+)\"")]
    private static partial Regex Polyline();

    /// <summary>The smoke run both first tests read, made once (in the test stack's state folder, replaced every run).</summary>
    private async Task<(int ExitCode, string Results)> SmokeAsync()
    {
        await SmokeGate.WaitAsync();
        try
        {
            if (_smoke is null)
            {
                // The test stack runs JIT builds that stop after 4 s idle: its cold starts take seconds, by design.
                var directory = Path.Combine(RepoPaths.LocalState, "test-stack", "loadtest-smoke");
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                Directory.CreateDirectory(directory);
                _smoke = await RunSmokeAsync(directory, users: 20, seconds: 10, p99Ms: 60000, warmUp: true);
            }

            return _smoke.Value;
        }
        finally
        {
            SmokeGate.Release();
        }
    }

    /// <summary>Runs the smoke profile against the test stack with fresh users; returns the exit code and the output folder.</summary>
    private async Task<(int ExitCode, string Results)> RunSmokeAsync(string directory, int users, int seconds, int p99Ms, bool warmUp)
    {
        var tokens = Path.Combine(directory, "users.csv");
        TokenBatch.Write(local.Stack.Tokens, tokens, users, "smoke-user-", TimeSpan.FromMinutes(30));
        var results = Path.Combine(directory, "results");
        var exitCode = await RunAsync(new Dictionary<string, string>
        {
            ["BASE_URL"] = local.Stack.BaseUrl,
            ["TOKENS"] = tokens,
            ["LT_OUT"] = results,
            ["LT_WARMUP"] = warmUp ? "1" : "0",
            ["LT_SMOKE_SECONDS"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LT_P99_MS"] = p99Ms.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LT_HTTP_TIMEOUT"] = "60",
        });
        return (exitCode, results);
    }

    private async Task<int> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
            ArgumentList = { Path.Combine(RepoPaths.Root, "tools", "loadtest", "run"), "local", "smoke" },
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The first run installs artillery from npm; a cold machine may take minutes.
        var exited = process.WaitForExitAsync();
        var finished = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(10)));
        if (finished != exited)
        {
            process.Kill(entireProcessTree: true);
        }

        var printed = await stdout + await stderr;
        output.WriteLine(printed);
        Assert.True(finished == exited, $"Waited 10 minutes for tools/loadtest/run local smoke to finish; it did not. Its last lines:\n{GymCoach.TestSupport.OutputTail.Of(printed)}");
        return process.ExitCode;
    }
}
