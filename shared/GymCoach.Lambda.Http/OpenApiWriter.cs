using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Writes the OpenAPI 3.1 document of a set of route tables. Request and response schemas come from the
/// same source-generated type info the handlers read and write with (property names, types, nullability,
/// required members), so the document says what the code does.
/// </summary>
public static class OpenApiWriter
{
    private const string ProblemSchema = "Problem";

    public static void Write(Utf8JsonWriter writer, string title, string version, IEnumerable<RouteSpec> routes)
    {
        var schemas = new SortedDictionary<string, JsonTypeInfo>(StringComparer.Ordinal);
        var byPath = routes.GroupBy(r => r.Path).OrderBy(g => g.Key, StringComparer.Ordinal);

        writer.WriteStartObject();
        writer.WriteString("openapi", "3.1.0");
        writer.WriteStartObject("info");
        writer.WriteString("title", title);
        writer.WriteString("version", version);
        writer.WriteString("description", "Every route is the caller's own (identity from the JWT sub claim). Errors are application/problem+json (RFC 9457).");
        writer.WriteEndObject();
        writer.WriteStartArray("security");
        writer.WriteStartObject();
        writer.WriteStartArray("bearer");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();

        writer.WriteStartObject("paths");
        foreach (var path in byPath)
        {
            writer.WriteStartObject(path.Key);
            foreach (var route in path.OrderBy(r => r.Method, StringComparer.Ordinal))
            {
                WriteOperation(writer, route, schemas);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartObject("components");
        writer.WriteStartObject("securitySchemes");
        writer.WriteStartObject("bearer");
        writer.WriteString("type", "http");
        writer.WriteString("scheme", "bearer");
        writer.WriteString("bearerFormat", "JWT");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("schemas");
        WriteProblemSchema(writer);
        var written = new HashSet<string>(StringComparer.Ordinal);
        while (schemas.Keys.FirstOrDefault(k => !written.Contains(k)) is { } name)
        {
            written.Add(name);
            writer.WritePropertyName(name);
            WriteObjectSchema(writer, schemas[name], schemas);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter writer, RouteSpec route, SortedDictionary<string, JsonTypeInfo> schemas)
    {
        writer.WriteStartObject(route.Method.ToLowerInvariant());
        writer.WriteString("operationId", route.Name);
        writer.WriteStartArray("tags");
        writer.WriteStringValue(route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "api"); // one group per service
        writer.WriteEndArray();
        if (route.Summary is not null)
        {
            writer.WriteString("summary", route.Summary);
        }

        if (route.Anonymous)
        {
            writer.WriteStartArray("security");
            writer.WriteStartObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        writer.WriteStartArray("parameters");
        foreach (var name in PathParameters(route.Path))
        {
            WriteParameter(writer, name, "path", "string", required: true, description: null);
        }

        foreach (var query in route.Query)
        {
            WriteParameter(writer, query.Name, "query", query.Type, required: false, query.Description);
        }

        if (route.Idempotent)
        {
            WriteParameter(writer, "Idempotency-Key", "header", "string", required: false, "1–255 visible ASCII characters; a retry with the same key and body creates nothing more and replays the first answer.");
        }

        if (route.Conditional)
        {
            WriteParameter(writer, "If-Match", "header", "string", required: false, "The ETag read; required to replace an existing resource (428 without, 412 when stale; W/ tags never match).");
            WriteParameter(writer, "If-None-Match", "header", "string", required: false, "'*' to create only (412 if it exists).");
        }

        writer.WriteEndArray();

        if (route.RequestBody is { } request)
        {
            writer.WriteStartObject("requestBody");
            writer.WriteBoolean("required", true);
            writer.WriteStartObject("content");
            writer.WriteStartObject("application/json");
            writer.WritePropertyName("schema");
            WriteSchema(writer, request, schemas);
            if (route.Example is { } example)
            {
                writer.WritePropertyName("example");
                using var parsed = JsonDocument.Parse(example);
                parsed.RootElement.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteStartObject("responses");
        foreach (var status in route.SuccessStatuses)
        {
            writer.WriteStartObject(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("description", status == 201 ? "Created" : "OK");
            if (route.ResponseBody is { } response)
            {
                writer.WriteStartObject("content");
                writer.WriteStartObject("application/json");
                writer.WritePropertyName("schema");
                WriteSchema(writer, response, schemas);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteStartObject("default");
        writer.WriteString(
            "description",
            "A problem: 400 invalid (every field named), 401, 404 (also for another user's resource), 409, 412, 413, 415, 422, 428, 429 (the account's request limit, or a job's cooldown or daily quota) and 503 with Retry-After."
            + (route.DuringDeletion || route.Anonymous ? string.Empty : " While the account is being deleted: 409 with type .../problems/account-deleting (sign the lifter out; GET /profiles/me/deletion follows the deletion)."));
        writer.WriteStartObject("content");
        writer.WriteStartObject("application/problem+json");
        writer.WriteStartObject("schema");
        writer.WriteString("$ref", "#/components/schemas/" + ProblemSchema);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter writer, string name, string location, string type, bool required, string? description)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("in", location);
        writer.WriteBoolean("required", required);
        if (description is not null)
        {
            writer.WriteString("description", description);
        }

        writer.WriteStartObject("schema");
        if (type == "date")
        {
            writer.WriteString("type", "string");
            writer.WriteString("format", "date");
        }
        else
        {
            writer.WriteString("type", type);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static IEnumerable<string> PathParameters(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                yield return segment.Trim('{', '}', '+');
            }
        }
    }

    /// <summary>A schema for <paramref name="info"/>: a reference for objects (added to <paramref name="schemas"/>), inline otherwise.</summary>
    private static void WriteSchema(Utf8JsonWriter writer, JsonTypeInfo info, SortedDictionary<string, JsonTypeInfo> schemas, bool nullable = false)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        nullable |= Nullable.GetUnderlyingType(info.Type) is not null;
        writer.WriteStartObject();
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var name = SchemaName(type);
                if (!schemas.TryAdd(name, info) && schemas[name].Type != info.Type)
                {
                    throw new InvalidOperationException($"Two body types are both named '{name}' ({schemas[name].Type.FullName} and {info.Type.FullName}): rename one, their schemas would be confused.");
                }

                if (nullable)
                {
                    writer.WriteStartArray("oneOf");
                    writer.WriteStartObject();
                    writer.WriteString("$ref", "#/components/schemas/" + name);
                    writer.WriteEndObject();
                    writer.WriteStartObject();
                    writer.WriteString("type", "null");
                    writer.WriteEndObject();
                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteString("$ref", "#/components/schemas/" + name);
                }

                break;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } element && info.Options.TryGetTypeInfo(element, out var itemInfo):
                WriteType(writer, "array", nullable);
                writer.WritePropertyName("items");
                WriteSchema(writer, itemInfo, schemas);
                break;
            case JsonTypeInfoKind.Dictionary when info.ElementType is { } value && info.Options.TryGetTypeInfo(value, out var valueInfo):
                WriteType(writer, "object", nullable);
                writer.WritePropertyName("additionalProperties");
                WriteSchema(writer, valueInfo, schemas);
                break;
            case JsonTypeInfoKind.None when type == typeof(System.Text.Json.JsonElement):
                // JSON passed through as it is (a sync change's entity): any value, no type to state.
                writer.WriteString("description", "Any JSON value, as the operation's description says.");
                break;
            default:
                var (jsonType, format) = Primitive(type);
                WriteType(writer, jsonType, nullable);
                if (format is not null)
                {
                    writer.WriteString("format", format);
                }

                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, string type, bool nullable)
    {
        if (nullable)
        {
            writer.WriteStartArray("type");
            writer.WriteStringValue(type);
            writer.WriteStringValue("null");
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("type", type);
        }
    }

    private static void WriteObjectSchema(Utf8JsonWriter writer, JsonTypeInfo info, SortedDictionary<string, JsonTypeInfo> schemas)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "object");
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteStartObject("properties");
        foreach (var property in info.Properties)
        {
            if (!info.Options.TryGetTypeInfo(property.PropertyType, out var propertyInfo))
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            WriteSchema(writer, propertyInfo, schemas, nullable: !property.PropertyType.IsValueType && !property.IsRequired);
        }

        writer.WriteEndObject();
        var required = info.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToList();
        if (required.Count > 0)
        {
            writer.WriteStartArray("required");
            foreach (var name in required)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteProblemSchema(Utf8JsonWriter writer)
    {
        writer.WriteStartObject(ProblemSchema);
        writer.WriteString("type", "object");
        writer.WriteStartObject("properties");
        foreach (var (name, type) in new[] { ("type", "string"), ("title", "string"), ("status", "integer"), ("detail", "string"), ("requestId", "string") })
        {
            writer.WriteStartObject(name);
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }

        writer.WriteStartObject("errors");
        writer.WriteString("type", "object");
        writer.WriteString("description", "Messages by field path, for validation problems.");
        writer.WriteStartObject("additionalProperties");
        writer.WriteString("type", "array");
        writer.WriteStartObject("items");
        writer.WriteString("type", "string");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartObject("current");
        writer.WriteString("type", "object");
        writer.WriteString(
            "description",
            "On a 412 (a write based on an old version) and a 409 id-taken (a device's id already used): the resource as it is now, the same JSON as its GET, its ETag in the ETag header. Merge and retry with that ETag.");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static (string Type, string? Format) Primitive(Type type) =>
        type == typeof(string) ? ("string", null)
        : type == typeof(bool) ? ("boolean", null)
        : type == typeof(int) || type == typeof(short) ? ("integer", "int32")
        : type == typeof(long) ? ("integer", "int64")
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? ("number", null)
        : type == typeof(DateOnly) ? ("string", "date")
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? ("string", "date-time")
        : ("string", null);

    private static string SchemaName(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaName))
        : type.Name;
}
