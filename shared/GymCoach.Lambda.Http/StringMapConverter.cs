using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Http;

/// <summary>Reads a JSON object of scalars into string values, whatever JSON type each scalar has.</summary>
public sealed class StringMapConverter : JsonConverter<Dictionary<string, string>>
{
    public override Dictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of claims.");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    map[name] = reader.GetString()!;
                    break;
                case JsonTokenType.Number:
                    map[name] = reader.TryGetInt64(out var l) ? l.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    map[name] = reader.GetBoolean() ? "true" : "false";
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        map[name] = document.RootElement.GetRawText();
                    }

                    break;
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WriteString(key, item);
        }

        writer.WriteEndObject();
    }
}
