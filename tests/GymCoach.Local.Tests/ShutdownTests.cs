using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using GymCoach.LocalInfra;
using GymCoach.TestSupport;

namespace GymCoach.Local.Tests;

/// <summary>The run command as a user runs it: Ctrl+C (SIGINT) must stop every process it started.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ShutdownTests
{
    [Fact]
    public async Task RunCommand_Interrupted_LeavesNoProcessBehind()
    {
        var port = FreePort.Next();
        var tool = Path.Combine(AppContext.BaseDirectory, "GymCoach.Local.dll");
        // As from a terminal, where Ctrl+C reaches the program: a test run started in the background (a CI step, a
        // script's '&') passes SIGINT down as ignored, and a program that inherits it ignored never sees Ctrl+C.
        // env resets it, then execs dotnet in the same process.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", tool, "--port", port.ToString(CultureInfo.InvariantCulture), "--in-memory", "--jit", "--no-build", "--state-dir", Path.Combine(RepoPaths.LocalState, "test-stack") })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new OutputTail();
        process.OutputDataReceived += (_, e) =>
        {
            output.Add(e.Data);
            if (e.Data?.Contains("GymCoach local API ready on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Readiness.WaitAsync(ready.Task, "the stack's line 'GymCoach local API ready on'", output.ToString, process.WaitForExitAsync());
            var token = GymCoach.Local.Gateway.LocalTokens.LoadOrCreate(Path.Combine(RepoPaths.LocalState, "test-stack", "jwt-signing-key.pem")).Issue("shutdown", TimeSpan.FromMinutes(5));
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/profiles/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);

            var descendants = Descendants(process.Id);
            var commands = descendants.Select(Command).ToList();
            Assert.Contains(commands, c => c.Contains("DynamoDBLocal.jar", StringComparison.Ordinal));
            Assert.Contains(commands, c => c.Contains("s3rver", StringComparison.Ordinal));
            Assert.Contains(commands, c => c.Contains("bootstrap", StringComparison.Ordinal));

            Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            await Readiness.WaitAsync(process.WaitForExitAsync(), "the stack to exit after SIGINT", output.ToString, deadline: TimeSpan.FromSeconds(60));

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; its last lines:\n{output}");
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (descendants.Any(Alive) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.All(descendants, pid => Assert.False(Alive(pid), $"pid {pid} ({Command(pid)}) outlived the stack"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        static bool Alive(int pid)
        {
            try
            {
                return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false; // gone between listing and reading: not left behind
            }
        }
    }

    private static List<int> Descendants(int pid)
    {
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var child in ChildrenOf(current))
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>
    /// The children of every thread of <paramref name="pid"/>. A process or thread that exits while it is read
    /// (the walk raced it: the CI run that found this failed reading a vanished thread's <c>children</c>) has none.
    /// </summary>
    private static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return children;
        }

        foreach (var task in tasks)
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
            }
        }

        return children;
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
