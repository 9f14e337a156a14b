using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GymCoach.Lambda.Logging;

/// <summary>
/// Writes log lines the way Lambda's advanced logging controls expect: one JSON object per line when the
/// function's log format is JSON (so CloudWatch Logs Insights can filter on fields), plain text otherwise.
/// Each line is built in a pooled buffer and written with one call, so concurrent lines never interleave.
/// </summary>
public sealed class LambdaLogger
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly Stream _output;
    private readonly Lock _gate = new();

    public LambdaLogger(Stream output, string service, bool json, LogLevel minimumLevel = LogLevel.Info)
    {
        _output = output;
        Service = service;
        Json = json;
        MinimumLevel = minimumLevel;
    }

    public string Service { get; }

    public bool Json { get; }

    public LogLevel MinimumLevel { get; }

    public static LambdaLogger FromEnvironment(Stream output)
    {
        var service = Environment.GetEnvironmentVariable("SERVICE_NAME")
            ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME")
            ?? "gymcoach";
        var json = string.Equals(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase);
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL"), ignoreCase: true, out var parsed)
            ? parsed
            : LogLevel.Info;
        return new LambdaLogger(output, service, json, level);
    }

    public bool IsEnabled(LogLevel level) => level >= MinimumLevel;

    public void Write(LogLevel level, string message, string? requestId = null, string? traceId = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        if (Json)
        {
            using var writer = new Utf8JsonWriter(buffer);
            writer.WriteStartObject();
            WriteCommon(writer, level, message, requestId, traceId);
            writer.WriteEndObject();
        }
        else
        {
            WriteText(buffer, $"{Timestamp()}\t{requestId ?? "-"}\t{LevelName(level)}\t{message}");
        }

        Emit(buffer);
    }

    /// <summary>
    /// The per-request line: level INFO for 2xx–4xx, ERROR for 5xx. On the JSON path it is written with a
    /// thread-cached writer and no intermediate strings: it runs on every request.
    /// </summary>
    public void Request(in RequestLogEntry entry)
    {
        var level = entry.Status >= 500 ? LogLevel.Error : LogLevel.Info;
        if (!IsEnabled(level))
        {
            return;
        }

        if (!Json)
        {
            var text = new ArrayBufferWriter<byte>(256);
            WriteText(text, string.Create(
                CultureInfo.InvariantCulture,
                $"{Timestamp()}\t{entry.RequestId}\t{LevelName(level)}\t{entry.Route} {entry.Status} {entry.DurationMs:F1}ms coldStart={entry.ColdStart}{(entry.Error is null ? string.Empty : "\t" + entry.Error)}"));
            Emit(text);
            return;
        }

        var scratch = t_scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        var writer = scratch.Writer;
        writer.Reset(scratch.Buffer);
        writer.WriteStartObject();
        writer.WriteString("timestamp", DateTime.UtcNow);
        writer.WriteString("level", LevelName(level));
        writer.WriteString("message", entry.Route == "-" ? entry.Method : entry.Route);
        writer.WriteString("service", Service);
        writer.WriteString("requestId", entry.RequestId);
        if (entry.TraceId is not null)
        {
            writer.WriteString("traceId", entry.TraceId);
        }

        writer.WriteBoolean("coldStart", entry.ColdStart);
        writer.WriteString("route", entry.Route);
        writer.WriteNumber("status", entry.Status);
        writer.WriteNumber("durationMs", Math.Round(entry.DurationMs, 3));
        if (entry.Error is not null)
        {
            writer.WriteString("error", entry.Error);
        }

        writer.WriteEndObject();
        writer.Flush();
        Emit(scratch.Buffer);
    }

    /// <summary>Writes a line as is: EMF metric documents must reach CloudWatch unwrapped.</summary>
    public void Raw(ReadOnlySpan<byte> utf8Line)
    {
        var buffer = new ArrayBufferWriter<byte>(utf8Line.Length + 1);
        buffer.Write(utf8Line);
        Emit(buffer);
    }

    private void WriteCommon(Utf8JsonWriter writer, LogLevel level, string message, string? requestId, string? traceId)
    {
        writer.WriteString("timestamp", Timestamp());
        writer.WriteString("level", LevelName(level));
        writer.WriteString("message", message);
        writer.WriteString("service", Service);
        if (requestId is not null)
        {
            writer.WriteString("requestId", requestId);
        }

        if (traceId is not null)
        {
            writer.WriteString("traceId", traceId);
        }
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string line)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(line, span));
    }

    private void Emit(ArrayBufferWriter<byte> buffer)
    {
        buffer.Write("\n"u8);
        lock (_gate)
        {
            _output.Write(buffer.WrittenSpan);
            _output.Flush();
        }
    }

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(512);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null);
    }

    private static string Timestamp() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
