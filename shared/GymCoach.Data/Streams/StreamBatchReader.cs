using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Streams;

/// <summary>
/// Reads the event Lambda's DynamoDB Streams event source sends (<c>{"Records":[…]}</c>) and converts the
/// DynamoDB JSON of keys and images (<c>{"S":…}</c>, <c>{"M":{…}}</c>, …) into <see cref="AttributeValue"/>.
/// </summary>
public static class StreamBatchReader
{
    /// <summary>DynamoDB nests 32 levels; each is two JSON levels, plus the event's own envelope.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// The batch's records in stream order. A record that cannot be read comes back as an
    /// <see cref="UnreadableRecord"/> in its place (so it is reported as the batch's first failure and
    /// retried, then sent to the failure destination, instead of stalling the shard); a batch whose envelope
    /// is unreadable is a <see cref="FormatException"/>.
    /// </summary>
    public static List<StreamBatchItem> Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new FormatException("The stream batch is not JSON: " + ex.Message, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Records", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The event has no Records array.");
            }

            var records = new List<StreamBatchItem>();
            foreach (var record in array.EnumerateArray())
            {
                records.Add(ReadItem(record));
            }

            return records;
        }
    }

    private static StreamBatchItem ReadItem(JsonElement record)
    {
        try
        {
            return new StreamBatchItem(ReadRecord(record), null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            var sequence = record.ValueKind == JsonValueKind.Object
                && record.TryGetProperty("dynamodb", out var change) && change.ValueKind == JsonValueKind.Object
                && change.TryGetProperty("SequenceNumber", out var number) && number.ValueKind == JsonValueKind.String
                ? number.GetString()!
                : throw new FormatException("A stream record has no sequence number: " + ex.Message, ex);
            return new StreamBatchItem(null, new UnreadableRecord(sequence, ex.Message));
        }
    }

    private static StreamRecord ReadRecord(JsonElement record)
    {
        var change = record.GetProperty("dynamodb");
        return new StreamRecord(
            record.GetProperty("eventID").GetString()!,
            record.GetProperty("eventName").GetString() switch
            {
                "INSERT" => StreamEventName.Insert,
                "MODIFY" => StreamEventName.Modify,
                "REMOVE" => StreamEventName.Remove,
                var other => throw new FormatException($"Unknown eventName '{other}'."),
            },
            change.GetProperty("SequenceNumber").GetString()!,
            change.TryGetProperty("ApproximateCreationDateTime", out var created) && created.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(created.GetDouble() * 1000))
                : null,
            ReadMap(change.GetProperty("Keys")),
            change.TryGetProperty("NewImage", out var newImage) ? ReadMap(newImage) : null,
            change.TryGetProperty("OldImage", out var oldImage) ? ReadMap(oldImage) : null,
            record.TryGetProperty("eventSourceARN", out var arn) ? arn.GetString() : null);
    }

    /// <summary>A DynamoDB JSON item (<c>{"name":{"S":"x"}, …}</c>) as the SDK's attribute map.</summary>
    public static Dictionary<string, AttributeValue> ReadMap(JsonElement item)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in item.EnumerateObject())
        {
            map[attribute.Name] = ReadValue(attribute.Value);
        }

        return map;
    }

    private static AttributeValue ReadValue(JsonElement value)
    {
        foreach (var typed in value.EnumerateObject())
        {
            var v = typed.Value;
            return typed.Name switch
            {
                "S" => new AttributeValue { S = v.GetString() },
                "N" => new AttributeValue { N = v.GetString() },
                "B" => new AttributeValue { B = new MemoryStream(v.GetBytesFromBase64()) },
                "BOOL" => new AttributeValue { BOOL = v.GetBoolean() },
                "NULL" => new AttributeValue { NULL = v.GetBoolean() },
                "M" => new AttributeValue { M = ReadMap(v) },
                "L" => new AttributeValue { L = v.EnumerateArray().Select(ReadValue).ToList() },
                "SS" => new AttributeValue { SS = v.EnumerateArray().Select(s => s.GetString()!).ToList() },
                "NS" => new AttributeValue { NS = v.EnumerateArray().Select(s => s.GetString()!).ToList() },
                "BS" => new AttributeValue { BS = v.EnumerateArray().Select(s => new MemoryStream(s.GetBytesFromBase64())).ToList() },
                _ => throw new FormatException($"Unknown attribute type '{typed.Name}'."),
            };
        }

        // DynamoDB Local writes an empty map ({"M":{}} in the table, a session's exerciseSets before its first set)
        // as a bare {} in its stream records; Lambda's records from DynamoDB keep the type. Read it as what it was.
        return value.ValueKind == JsonValueKind.Object ? new AttributeValue { M = [] } : throw new FormatException("An attribute value has no type.");
    }
}
