using System.Diagnostics;
using System.Text;

namespace GymCoach.LocalInfra;

/// <summary>
/// A server process (java, node, a bootstrap) that must not outlive us. It is started under a small shell
/// watchdog that kills it when our process disappears, so even a crashed test host leaves no orphan behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Called with every line the process prints (stdout and stderr).</summary>
    public event Action<string>? Line;

    /// <summary>
    /// How long a server we start (DynamoDB Local's JVM, s3rver) may take to listen: sized for a cold start on a
    /// two-core machine busy with other test assemblies, not for a quiet laptop.
    /// </summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    /// <summary>The last <paramref name="count"/> lines the process printed (what a start failure shows).</summary>
    public string Tail(int count = 50) => LastLines(Output, count);

    /// <summary>The last <paramref name="count"/> lines of <paramref name="text"/>, or a note that it is empty.</summary>
    public static string LastLines(string text, int count)
    {
        var lines = text.TrimEnd().Split('\n');
        return lines.Length == 1 && lines[0].Length == 0 ? "(it printed nothing)" : string.Join('\n', lines.TakeLast(count));
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string?>? environment = null, Action<string>? onLine = null)
    {
        // bash watches our pid and the child's; whichever goes first, the child is killed.
        var script = "\"$@\" & c=$!; trap 'kill $c 2>/dev/null; wait $c; exit 143' TERM INT; "
            + $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 0.5; done; "
            + "kill $c 2>/dev/null; wait $c";
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(name);
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        if (onLine is not null)
        {
            child.Line += onLine;
        }

        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The pid of the program itself (the watchdog shell's child), once it is running.</summary>
    public int? ProgramPid
    {
        get
        {
            try
            {
                var children = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                foreach (var child in children)
                {
                    // The watchdog's own 'sleep' is also a child; the program is the one that is not.
                    var comm = File.ReadAllText($"/proc/{child}/comm").Trim();
                    if (comm != "sleep")
                    {
                        return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            return null;
        }
    }

    /// <summary>Peak resident memory of the program (VmHWM), in MB; 0 when it cannot be read.</summary>
    public long PeakMemoryMb()
    {
        if (ProgramPid is not { } pid)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return (kb + 1023) / 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        catch (OperationCanceledException)
        {
            // gave up waiting; the watchdog will finish the job
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }

        Line?.Invoke(line);
    }
}
