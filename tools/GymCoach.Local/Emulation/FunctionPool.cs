using System.Globalization;

namespace GymCoach.Local.Emulation;

/// <summary>
/// Lambda's scaling for one function: an idle instance takes the invoke; otherwise a new one is started (a cold
/// start) up to the concurrency limit, beyond which the invoke is throttled. Instances that time out or die are
/// dropped and replaced by the next cold start; idle ones are stopped after the idle timeout.
/// <para>
/// One difference, on purpose: Lambda gives each environment its own CPU, and a laptop does not. Past
/// <c>maxInstances</c> running invokes, further ones (still within the concurrency limit) wait for an instance
/// instead of starting more. Fifty cold starts on two cores only slow everything down: the load test saw 182 of
/// them in a minute and its p50 go from 5 ms to 242 ms.
/// </para>
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
    private readonly SemaphoreSlim _running;
    private int _starting;
    private int _inFlight;
    private int _started;
    private bool _disposed;

    /// <param name="spec">The function.</param>
    /// <param name="log">Where its REPORT lines and output go.</param>
    /// <param name="idleTimeout">How long an idle instance lives.</param>
    /// <param name="maxInstances">Invokes that run at once; 0 for as many as the concurrency limit (Lambda's way).</param>
    public FunctionPool(FunctionSpec spec, Action<string> log, TimeSpan idleTimeout, int maxInstances = 0)
        : this(spec, log, idleTimeout, maxInstances, FunctionInstance.StartAsync)
    {
    }

    /// <summary>With another way to start instances: tests use it for start failures a real process rarely gives on demand.</summary>
    internal FunctionPool(FunctionSpec spec, Action<string> log, TimeSpan idleTimeout, int maxInstances, Func<FunctionSpec, int, Action<string>, Task<FunctionInstance>> start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxInstances);
        var running = maxInstances == 0 ? spec.ConcurrencyLimit : Math.Min(maxInstances, spec.ConcurrencyLimit);
        _running = new SemaphoreSlim(Math.Max(1, running));
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
        var throttled = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_inFlight >= _spec.ConcurrencyLimit)
            {
                throttled = true;
            }
            else
            {
                _inFlight++;
            }
        }

        if (throttled)
        {
            return Throttle(requestId);
        }

        try
        {
            await _running.WaitAsync().ConfigureAwait(false);
            try
            {
                return await RunAsync(payload, requestId).ConfigureAwait(false);
            }
            finally
            {
                _running.Release();
            }
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private InvokeOutcome Throttle(string requestId)
    {
        _log($"[{_spec.Name}] throttled: {_spec.ConcurrencyLimit} instances busy (ReservedConcurrentExecutions)");
        return new InvokeOutcome(InvokeStatus.Throttled, [], requestId, false);
    }

    private async Task<InvokeOutcome> RunAsync(byte[] payload, string requestId)
    {
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
            return Throttle(requestId);
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
