using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;

namespace GymCoach.Profiles.Export;

/// <summary>
/// A stored item as plain JSON, for the export: every attribute as its JSON kind, except the table's key and
/// index plumbing. The sort key is kept as <c>key</c>, because it is how items refer to each other (a set's
/// key starts with its session's). An attribute named <c>data</c> holding a JSON document is embedded as JSON.
/// </summary>
public static class ItemJson
{
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal)
    {
        Keys.PartitionKey, Keys.SortKey, Keys.Gsi1PartitionKey, Keys.Gsi1SortKey, Keys.TimeToLive,
    };

    public static void Write(Utf8JsonWriter writer, Dictionary<string, AttributeValue> item)
    {
        writer.WriteStartObject();
        if (item.GetString(Keys.SortKey) is { } key)
        {
            writer.WriteString("key", key);
        }

        foreach (var (name, value) in item.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (Plumbing.Contains(name))
            {
                continue;
            }

            writer.WritePropertyName(name);
            if (name == "data" && value.S is { } json && LooksLikeJson(json))
            {
                writer.WriteRawValue(json, skipInputValidation: false);
                continue;
            }

            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static bool LooksLikeJson(string text)
    {
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is not null)
        {
            writer.WriteStringValue(value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteRawValue(value.N, skipInputValidation: false);
        }
        else if (value.BOOL is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else if (value.M is { } map)
        {
            writer.WriteStartObject();
            foreach (var (name, inner) in map.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                WriteValue(writer, inner);
            }

            writer.WriteEndObject();
        }
        else if (value.L is { } list)
        {
            writer.WriteStartArray();
            foreach (var inner in list)
            {
                WriteValue(writer, inner);
            }

            writer.WriteEndArray();
        }
        else if (value.SS is { Count: > 0 } ss)
        {
            writer.WriteStartArray();
            ss.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
        else if (value.NS is { Count: > 0 } ns)
        {
            writer.WriteStartArray();
            ns.ForEach(n => writer.WriteRawValue(n, skipInputValidation: false));
            writer.WriteEndArray();
        }
        else if (value.B is { } bytes)
        {
            writer.WriteBase64StringValue(bytes.ToArray());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
