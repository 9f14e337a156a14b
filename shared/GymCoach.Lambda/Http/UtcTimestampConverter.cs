using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Writes <see cref="DateTimeOffset"/> in the API's one format (<c>2026-11-22T18:04:05Z</c>) straight into the
/// writer, without building a string: timestamps are in almost every response.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Timestamps.Parse(reader.GetString() ?? throw new JsonException("Expected a timestamp."));

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[32];
        var utc = value.UtcDateTime;
        utc = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        if (!Utf8Formatter.TryFormat(utc, buffer, out _, new StandardFormat('O')))
        {
            writer.WriteStringValue(Timestamps.ToApi(value));
            return;
        }

        // 'O' gives 2026-11-22T18:04:05.0000000Z; the API drops the fraction.
        buffer[19] = (byte)'Z';
        writer.WriteStringValue(buffer[..20]);
    }
}
