using System.Text;
using GymCoach.Lambda.Logging;

namespace GymCoach.TestSupport;

/// <summary>A <see cref="LambdaLogger"/> writing to memory, so tests can read the lines a request produced.</summary>
public sealed class CapturingLogger
{
    private readonly MemoryStream _stream = new();

    public CapturingLogger(bool json = true, string service = "test")
    {
        Logger = new LambdaLogger(_stream, service, json);
    }

    public LambdaLogger Logger { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_stream)
            {
                return Encoding.UTF8.GetString(_stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
        }
    }
}
