using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GymCoach.Lambda.Http;

/// <summary>
/// A response body that writes itself as UTF-8 JSON. Keeping the value and its source-generated type info
/// (instead of a pre-serialized string) lets the response writer serialize once, straight into its buffer.
/// </summary>
public abstract class ResponseBody
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The body as UTF-8 JSON bytes (to store it, e.g. for idempotent replay).</summary>
    public byte[] ToUtf8Bytes()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A value serialized with its source-generated metadata.</summary>
public sealed class JsonResponseBody<T> : ResponseBody
{
    private readonly T _value;
    private readonly JsonTypeInfo<T> _typeInfo;

    public JsonResponseBody(T value, JsonTypeInfo<T> typeInfo)
    {
        _value = value;
        _typeInfo = typeInfo;
    }

    public override void WriteTo(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, _value, _typeInfo);
}

/// <summary>JSON that is already bytes: a stored idempotent response being replayed, a cached document.</summary>
public sealed class RawJsonResponseBody : ResponseBody
{
    private readonly ReadOnlyMemory<byte> _json;

    public RawJsonResponseBody(ReadOnlyMemory<byte> json)
    {
        _json = json;
    }

    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(_json.Span, skipInputValidation: true);
}
