namespace GymCoach.TestSupport;

/// <summary>
/// The last lines a child process printed, kept as it prints them, so that a test that gives up waiting on the
/// process can say what the process was doing rather than only that it timed out.
/// </summary>
public sealed class OutputTail
{
    /// <summary>How many lines a failure shows.</summary>
    public const int Lines = 50;

    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    /// <summary>Keeps <paramref name="line"/> (null, the end of a stream, is ignored).</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > Lines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The last <see cref="Lines"/> lines, or a note that there were none.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(it printed nothing)" : string.Join('\n', _lines);
        }
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="text"/>.</summary>
    public static string Of(string text, int count = Lines) => GymCoach.LocalInfra.ChildProcess.LastLines(text, count);
}
