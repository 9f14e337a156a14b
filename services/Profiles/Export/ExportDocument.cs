using System.Buffers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Export;

/// <summary>
/// Writes the export document (docs/export.md) a part at a time:
/// <c>{"format":…,"domains":[{"domain":"analytics","items":[…]},…],"itemCount":N,"completedAt":…}</c>. The
/// writer's whole state between parts is the domain section left open and the item count, which the job
/// stores, so a later invocation continues the document byte-exactly where the last uploaded part ended.
/// </summary>
public sealed class ExportDocument
{
    public const string Format = "gymcoach-export/1";

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly JsonWriterOptions _options = new() { Indented = false };
    private Utf8JsonWriter? _writer;

    public ExportDocument(string? openDomain, long items)
    {
        OpenDomain = openDomain;
        Items = items;
    }

    /// <summary>The domain whose section is open (null before the first item).</summary>
    public string? OpenDomain { get; private set; }

    public long Items { get; private set; }

    /// <summary>Bytes written since the last <see cref="TakePart"/>.</summary>
    public int Length => _buffer.WrittenCount;

    public void WriteHeader(string exportId, string userId, DateTimeOffset requestedAt)
    {
        Raw("{\"format\":");
        Value(Format);
        Raw(",\"exportId\":");
        Value(exportId);
        Raw(",\"userId\":");
        Value(userId);
        Raw(",\"requestedAt\":");
        Value(Timestamps.ToApi(requestedAt));
        Raw(",\"domains\":[");
    }

    public void WriteItem(string domain, Dictionary<string, AttributeValue> item)
    {
        if (domain != OpenDomain)
        {
            Raw(OpenDomain is null ? "{\"domain\":" : "]},{\"domain\":");
            Value(domain);
            Raw(",\"items\":[");
            OpenDomain = domain;
        }
        else
        {
            Raw(",");
        }

        var writer = Writer();
        ItemJson.Write(writer, item);
        writer.Flush();
        Items++;
    }

    public void WriteTrailer(DateTimeOffset completedAt)
    {
        Raw(OpenDomain is null ? "]" : "]}]");
        Raw(",\"itemCount\":");
        Raw(Items.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Raw(",\"completedAt\":");
        Value(Timestamps.ToApi(completedAt));
        Raw("}");
    }

    /// <summary>The bytes written since the last part, and a fresh buffer for the next.</summary>
    public byte[] TakePart()
    {
        var part = _buffer.WrittenSpan.ToArray();
        _buffer.ResetWrittenCount();
        return part;
    }

    private void Value(string text)
    {
        var writer = Writer();
        writer.WriteStringValue(text);
        writer.Flush();
    }

    private void Raw(string text) => _buffer.Write(Encoding.UTF8.GetBytes(text));

    private Utf8JsonWriter Writer()
    {
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_buffer, _options);
        }
        else
        {
            _writer.Reset(_buffer);
        }

        return _writer;
    }
}
