namespace GymCoach.TestSupport;

/// <summary>
/// Waiting on a process a test started: on its own signal (a line it prints, a port it opens, a request it makes),
/// never a fixed sleep, with one deadline sized for the worst machine the tests run on: a cold start on two cores
/// while other test assemblies run beside it. A timeout says what was awaited, whether the process was still alive,
/// and its last lines.
/// </summary>
public static class Readiness
{
    /// <summary>How long a started process may take to become ready before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Waits for <paramref name="signal"/>; throws with <paramref name="waitedFor"/> and the process's last lines if it does not come in time or the process exits first.</summary>
    public static async Task WaitAsync(Task signal, string waitedFor, Func<string> lastLines, Task? exited = null, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        using var timer = new CancellationTokenSource();
        var timeout = Task.Delay(limit, timer.Token);
        var finished = await Task.WhenAny(exited is null ? [signal, timeout] : [signal, timeout, exited]);
        timer.Cancel();
        if (finished == signal || signal.IsCompleted)
        {
            await signal;
            return;
        }

        var what = finished == timeout ? $"did not come within {limit.TotalSeconds:0} s" : "never came: the process exited first";
        throw new TimeoutException($"Waited for {waitedFor}; it {what}. The process's last {OutputTail.Lines} lines:\n{lastLines()}");
    }
}
