using System.Globalization;

namespace GymCoach.Local.Emulation;

/// <summary>
/// Lambda's scaling for one function: an idle instance takes the invoke; otherwise a new one is started (a cold
/// start) up to the concurrency limit, beyond which the invoke is throttled. Instances that time out or die are
/// dropped and replaced by the next cold start; idle ones are stopped after the idle timeout.
/// </summary>
public sealed class FunctionPool : IAsyncDisposable
{
    private readonly FunctionSpec _spec;
    private readonly Action<string> _log;
    private readonly TimeSpan _idleTimeout;
    private readonly List<FunctionInstance> _instances = [];
    private readonly Lock _gate = new();
    private readonly Timer _reaper;
    private readonly Func<FunctionSpec, int, Action<string>, Task<FunctionInstance>> _start;
    private int _starting;
    private int _started;
    private bool _disposed;

    public FunctionPool(FunctionSpec spec, Action<string> log, TimeSpan idleTimeout)
        : this(spec, log, idleTimeout, FunctionInstance.StartAsync)
    {
    }

    /// <summary>With another way to start instances: tests use it for start failures a real process rarely gives on demand.</summary>
    internal FunctionPool(FunctionSpec spec, Action<string> log, TimeSpan idleTimeout, Func<FunctionSpec, int, Action<string>, Task<FunctionInstance>> start)
    {
        _start = start;
        _spec = spec;
        _log = log;
        _idleTimeout = idleTimeout;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(idleTimeout.TotalMilliseconds / 4, 100, 5000));
        _reaper = new Timer(_ => _ = ReapIdleAsync(), null, period, period);
    }

    public FunctionSpec Spec => _spec;

    /// <summary>Instances alive now (busy or idle).</summary>
    public int InstanceCount
    {
        get
        {
            lock (_gate)
            {
                return _instances.Count;
            }
        }
    }

    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return _instances.Select(i => i.ProcessId).ToList();
            }
        }
    }

    public async Task<InvokeOutcome> InvokeAsync(byte[] payload)
    {
        var requestId = Guid.NewGuid().ToString();
        FunctionInstance? instance = null;
        var cold = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            instance = _instances.FirstOrDefault(i => !i.Busy && !i.HasExited);
            if (instance is not null)
            {
                instance.Busy = true;
            }
            else if (_instances.Count + _starting < _spec.ConcurrencyLimit)
            {
                _starting++;
                cold = true;
            }
        }

        if (instance is null && !cold)
        {
            _log($"[{_spec.Name}] throttled: {_spec.ConcurrencyLimit} instances busy (ReservedConcurrentExecutions)");
            return new InvokeOutcome(InvokeStatus.Throttled, [], requestId, false);
        }

        if (cold)
        {
            try
            {
                instance = await _start(_spec, Interlocked.Increment(ref _started), _log).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Whatever went wrong (init failed or timed out, no process, no port, no file handle left), the
                // caller gets a failed environment and the slot is given back: a slot kept here is one lost for good.
                _log($"[{_spec.Name}] could not start an instance: {ex.GetType().Name}: {ex.Message}");
                lock (_gate)
                {
                    _starting--;
                }

                return new InvokeOutcome(InvokeStatus.Crashed, [], requestId, true);
            }

            lock (_gate)
            {
                _starting--;
                instance.Busy = true;
                _instances.Add(instance);
            }
        }

        ArgumentNullException.ThrowIfNull(instance);
        InvokeStatus status;
        byte[] body;
        TimeSpan duration;
        try
        {
            (status, body, duration) = await instance.InvokeAsync(payload, requestId, _spec.Timeout).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log($"[{_spec.Name}] {requestId} the emulated Runtime API failed: {ex.GetType().Name}: {ex.Message}");
            (status, body, duration) = (InvokeStatus.Crashed, [], TimeSpan.Zero);
        }

        Report(requestId, duration, instance, cold, status);

        if (status is InvokeStatus.TimedOut or InvokeStatus.Crashed)
        {
            lock (_gate)
            {
                _instances.Remove(instance);
            }

            _log(status == InvokeStatus.TimedOut
                ? $"[{_spec.Name}] {requestId} Task timed out after {_spec.Timeout.TotalSeconds:F2} seconds; instance stopped"
                : $"[{_spec.Name}] {requestId} instance exited mid-invoke; it will be replaced");
            await instance.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            lock (_gate)
            {
                instance.Busy = false;
                instance.LastUsed = DateTime.UtcNow;
            }
        }

        return new InvokeOutcome(status, body, requestId, cold);
    }

    public async ValueTask DisposeAsync()
    {
        List<FunctionInstance> instances;
        lock (_gate)
        {
            _disposed = true;
            instances = [.. _instances];
            _instances.Clear();
        }

        await _reaper.DisposeAsync().ConfigureAwait(false);
        foreach (var instance in instances)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Report(string requestId, TimeSpan duration, FunctionInstance instance, bool cold, InvokeStatus status)
    {
        var ms = duration.TotalMilliseconds;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{_spec.Name}] REPORT RequestId: {requestId}\tDuration: {ms:F2} ms\tBilled Duration: {Math.Max(1, Math.Ceiling(ms)):F0} ms\tMemory Size: {_spec.MemorySizeMb} MB\tMax Memory Used: {instance.PeakMemoryMb()} MB");
        if (cold)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {instance.InitDuration.TotalMilliseconds:F2} ms");
        }

        if (status != InvokeStatus.Success)
        {
            line += $"\tStatus: {status}";
        }

        _log(line);
    }

    private async Task ReapIdleAsync()
    {
        List<FunctionInstance> idle;
        lock (_gate)
        {
            var cutoff = DateTime.UtcNow - _idleTimeout;
            idle = _instances.Where(i => !i.Busy && (i.LastUsed < cutoff || i.HasExited)).ToList();
            foreach (var instance in idle)
            {
                _instances.Remove(instance);
            }
        }

        foreach (var instance in idle)
        {
            _log($"[{_spec.Name}] instance (pid {instance.ProcessId}) stopped after being idle");
            await instance.DisposeAsync().ConfigureAwait(false);
        }
    }
}
