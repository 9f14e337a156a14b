using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using GymCoach.Lambda.Errors;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Finds the fields of a JSON body that its input type does not declare, at any depth, from the
/// source-generated metadata (no reflection). A typo such as <c>heightCM</c> is then a 400 naming the field,
/// instead of being dropped while a full replace wipes the stored <c>heightCm</c>.
/// </summary>
public static class UnknownMembers
{
    /// <summary>
    /// Adds an error for every undeclared field of <paramref name="json"/> (well-formed JSON) to
    /// <paramref name="errors"/>. Top-level fields named in <paramref name="readOnlyFields"/> are let through
    /// (and ignored by the deserializer): the server-set fields of the resource's own representation, so an app
    /// may send back what it read.
    /// </summary>
    public static void Collect(ReadOnlySpan<byte> json, JsonTypeInfo typeInfo, ValidationErrors errors, IReadOnlySet<string>? readOnlyFields = null)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        using var document = JsonDocument.ParseValue(ref reader);
        Walk(document.RootElement, typeInfo, string.Empty, errors, readOnlyFields);
    }

    private static void Walk(JsonElement element, JsonTypeInfo info, string path, ValidationErrors errors, IReadOnlySet<string>? readOnlyFields = null)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                var ignoreCase = info.Options.PropertyNameCaseInsensitive;
                foreach (var property in element.EnumerateObject())
                {
                    var field = path.Length == 0 ? property.Name : string.Concat(path, ".", property.Name);
                    var declared = Find(info, property.Name, ignoreCase);
                    if (declared is null)
                    {
                        if (readOnlyFields?.Contains(property.Name) != true)
                        {
                            errors.Add(field, "Is not a field of this request.");
                        }
                    }
                    else if (info.Options.TryGetTypeInfo(declared.PropertyType, out var propertyInfo))
                    {
                        Walk(property.Value, propertyInfo, field, errors);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && info.ElementType is { } elementType
                && info.Options.TryGetTypeInfo(elementType, out var itemInfo):
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, itemInfo, $"{path}[{index++}]", errors);
                }

                break;
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object && info.ElementType is { } valueType
                && info.Options.TryGetTypeInfo(valueType, out var valueInfo):
                foreach (var entry in element.EnumerateObject())
                {
                    Walk(entry.Value, valueInfo, string.Concat(path, ".", entry.Name), errors);
                }

                break;
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name, bool ignoreCase)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                return property;
            }
        }

        return null;
    }
}
