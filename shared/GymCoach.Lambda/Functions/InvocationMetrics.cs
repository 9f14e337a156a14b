using GymCoach.Lambda.Logging;

namespace GymCoach.Lambda.Functions;

/// <summary>
/// The metrics one invocation records, written as a single EMF document when it ends (Powertools' model):
/// one log line however many metrics, none when there are none — a warm cached GET records nothing and
/// writes nothing.
/// </summary>
public sealed class InvocationMetrics
{
    private readonly Metrics _sink;
    private readonly List<(string Name, double Value, MetricUnit Unit)> _pending = [];
    private readonly Lock _lock = new();

    public InvocationMetrics(Metrics sink)
    {
        _sink = sink;
    }

    public int Count => _pending.Count;

    /// <summary>Records a value; a second value under the same name is added to the first.</summary>
    public void Add(string name, double value, MetricUnit unit = MetricUnit.Count)
    {
        // Parallel work inside one invocation (batch chunks, fan-out queries) records from several threads.
        lock (_lock)
        {
            AddLocked(name, value, unit);
        }
    }

    private void AddLocked(string name, double value, MetricUnit unit)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].Name == name)
            {
                _pending[i] = (name, _pending[i].Value + value, unit);
                return;
            }
        }

        _pending.Add((name, value, unit));
    }

    /// <summary>Writes what was recorded as one document, then starts afresh.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            _sink.Emit(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending));
            _pending.Clear();
        }
    }
}
