using System.Buffers;
using System.Text.Json;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// Builds the <c>{errorType, errorMessage, stackTrace}</c> body Lambda expects on /error and /init/error,
/// trimmed to stay under the Runtime API's size limit: a huge exception message must not turn an error
/// report into a second failure.
/// </summary>
public static class ErrorPayload
{
    /// <summary>Lambda accepts error bodies up to 256 KB; we stay below with room for headers.</summary>
    public const int MaxBytes = 250 * 1024;

    public static string ErrorType(Exception exception) => exception.GetType().Name;

    public static byte[] Create(Exception exception)
    {
        var type = ErrorType(exception);
        var message = exception.Message;
        var frames = (exception.StackTrace ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (exception.InnerException is { } inner)
        {
            frames = [.. frames, $"---> {inner.GetType().Name}: {inner.Message}"];
        }

        var frameCount = frames.Length;
        while (true)
        {
            var bytes = Write(type, message, frames.AsSpan(0, frameCount));
            if (bytes.Length <= MaxBytes)
            {
                return bytes;
            }

            if (frameCount > 0)
            {
                frameCount /= 2;
                continue;
            }

            // Only the message is left and it is still too big: cut it (UTF-8 worst case is 3 bytes a char here).
            message = string.Concat(message.AsSpan(0, Math.Min(message.Length, MaxBytes / 8)), "…(truncated)");
        }
    }

    private static byte[] Write(string type, string message, ReadOnlySpan<string> frames)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", type);
            writer.WriteString("errorMessage", message);
            writer.WriteStartArray("stackTrace");
            foreach (var frame in frames)
            {
                writer.WriteStringValue(frame);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
