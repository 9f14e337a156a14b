using System.Diagnostics;
using System.Globalization;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// Time from launching the README's run command to its "ready" line: once after deleting the local build
/// outputs (first run: npm install check, Native AOT publish), once again with them in place (warm re-run).
/// </summary>
internal static class StartupTime
{
    public static async Task<int> RunAsync(string[] args)
    {
        var state = Path.Combine(RepoPaths.LocalState, "measure-startup");
        if (Directory.Exists(state) && !args.Contains("--keep"))
        {
            Directory.Delete(state, recursive: true);
        }

        foreach (var run in new[] { "first run (clean build outputs)", "warm re-run" })
        {
            var elapsed = await TimeToReadyAsync(state);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: ready after {elapsed.TotalSeconds:F1} s"));
        }

        return 0;
    }

    private static async Task<TimeSpan> TimeToReadyAsync(string state)
    {
        var info = new ProcessStartInfo("dotnet", ["run", "--project", "tools/GymCoach.Local", "--", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--in-memory", "--state-dir", state])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("GymCoach local API ready on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;

        // 'dotnet run' does not forward a signal sent to it alone (a terminal's Ctrl+C reaches the whole
        // process group): interrupt the stack itself, as Ctrl+C would.
        var children = Directory.GetDirectories($"/proc/{process.Id}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var child in children)
        {
            Process.Start("kill", ["-INT", child])!.WaitForExit();
        }

        await process.WaitForExitAsync();
        return elapsed;
    }
}
