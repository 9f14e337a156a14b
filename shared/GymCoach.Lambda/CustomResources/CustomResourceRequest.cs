using System.Text.Json;

namespace GymCoach.Lambda.CustomResources;

/// <summary>What CloudFormation asks of a custom resource (see ../shared/reference/events), read without reflection.</summary>
public sealed record CustomResourceRequest(
    string RequestType,
    string ResponseUrl,
    string StackId,
    string RequestId,
    string LogicalResourceId,
    string ResourceType,
    string? PhysicalResourceId,
    IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>Reads the event; string-valued <c>ResourceProperties</c> only (nested values are kept as raw JSON).</summary>
    public static CustomResourceRequest Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("ResourceProperties", out var resourceProperties) && resourceProperties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in resourceProperties.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return new CustomResourceRequest(
            Required(root, "RequestType"),
            Required(root, "ResponseURL"),
            Required(root, "StackId"),
            Required(root, "RequestId"),
            Required(root, "LogicalResourceId"),
            root.TryGetProperty("ResourceType", out var type) ? type.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("PhysicalResourceId", out var physical) ? physical.GetString() : null,
            properties);
    }

    private static string Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"The custom resource request has no '{name}'.");
}
