using System.Diagnostics;
using GymCoach.LocalInfra;

namespace GymCoach.Local.Emulation;

/// <summary>
/// One execution environment: a function process talking to its own emulated Runtime API. It serves one
/// invoke at a time, like Lambda. Init ends when the process first polls for work.
/// </summary>
public sealed class FunctionInstance : IAsyncDisposable
{
    /// <summary>Lambda gives init 10 seconds before it gives up on the environment.</summary>
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(10);

    private readonly RuntimeApiServer _api;
    private readonly ChildProcess _process;

    private FunctionInstance(RuntimeApiServer api, ChildProcess process, TimeSpan initDuration)
    {
        _api = api;
        _process = process;
        InitDuration = initDuration;
        LastUsed = DateTime.UtcNow;
    }

    public TimeSpan InitDuration { get; }

    public bool Busy { get; set; }

    public DateTime LastUsed { get; set; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.ProgramPid ?? _process.Id;

    public static async Task<FunctionInstance> StartAsync(FunctionSpec spec, int instanceNumber, Action<string> log)
    {
        var api = await RuntimeApiServer.StartAsync().ConfigureAwait(false);
        var environment = spec.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);
        environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        var clock = Stopwatch.StartNew();
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(
                $"{spec.Name}#{instanceNumber}",
                spec.Executable,
                [],
                Path.GetDirectoryName(spec.Executable),
                environment,
                line => log($"[{spec.Name}#{instanceNumber}] {line}"));
        }
        catch
        {
            await api.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var ready = await Task.WhenAny(api.FirstPoll, api.InitError, process.WaitForExitAsync(), Task.Delay(spec.InitLimit)).ConfigureAwait(false);
        if (ready != api.FirstPoll)
        {
            await process.DisposeAsync().ConfigureAwait(false);
            await api.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(ready == api.InitError
                ? $"{spec.Name} failed its init: {System.Text.Encoding.UTF8.GetString(api.InitError.Result.Body)}"
                : $"{spec.Name} did not finish init within {spec.InitLimit.TotalSeconds} s.");
        }

        return new FunctionInstance(api, process, clock.Elapsed);
    }

    public async Task<(InvokeStatus Status, byte[] Payload, TimeSpan Duration)> InvokeAsync(byte[] payload, string requestId, TimeSpan timeout)
    {
        var invoke = _api.InvokeAsync(payload, timeout, requestId);
        var finished = await Task.WhenAny(invoke, _process.WaitForExitAsync()).ConfigureAwait(false);
        if (finished != invoke)
        {
            return (InvokeStatus.Crashed, [], TimeSpan.Zero);
        }

        var result = await invoke.ConfigureAwait(false);
        return result.Outcome switch
        {
            InvocationOutcome.Response => (InvokeStatus.Success, result.Body, result.Duration),
            InvocationOutcome.FunctionError => (InvokeStatus.FunctionError, result.Body, result.Duration),
            InvocationOutcome.TimedOut => (InvokeStatus.TimedOut, [], timeout),
            _ => (InvokeStatus.Crashed, result.Body, result.Duration),
        };
    }

    public long PeakMemoryMb() => _process.PeakMemoryMb();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }
}
