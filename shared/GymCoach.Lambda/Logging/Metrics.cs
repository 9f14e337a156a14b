using System.Buffers;
using System.Text.Json;

namespace GymCoach.Lambda.Logging;

/// <summary>
/// CloudWatch Embedded Metric Format: a metric is a specially shaped log line that CloudWatch turns into a
/// metric asynchronously, so emitting one costs a write to stdout rather than a PutMetricData call.
/// </summary>
public sealed class Metrics
{
    public const string Namespace = "GymCoach";

    private readonly LambdaLogger _logger;

    public Metrics(LambdaLogger logger)
    {
        _logger = logger;
    }

    /// <summary>Emits one document holding all <paramref name="values"/> under the <c>service</c> dimension.</summary>
    public void Emit(ReadOnlySpan<(string Name, double Value, MetricUnit Unit)> values, IReadOnlyList<(string Key, string Value)>? properties = null)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_aws");
            writer.WriteNumber("Timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            writer.WriteStartArray("CloudWatchMetrics");
            writer.WriteStartObject();
            writer.WriteString("Namespace", Namespace);
            writer.WriteStartArray("Dimensions");
            writer.WriteStartArray();
            writer.WriteStringValue("service");
            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics");
            foreach (var (name, _, unit) in values)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", name);
                writer.WriteString("Unit", unit.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteString("service", _logger.Service);
            if (properties is not null)
            {
                foreach (var (key, value) in properties)
                {
                    writer.WriteString(key, value);
                }
            }

            foreach (var (name, value, _) in values)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
        }

        _logger.Raw(buffer.WrittenSpan);
    }

    public void Emit(string name, double value, MetricUnit unit) => Emit([(name, value, unit)]);
}
