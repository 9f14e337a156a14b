using System.Text.Json.Nodes;

namespace GymCoach.Generator;

/// <summary>The CloudFormation intrinsics the generator writes, so every block spells them one way.</summary>
internal static class TemplateJson
{
    public static JsonObject Ref(string logicalId) => new() { ["Ref"] = logicalId };

    public static JsonObject Sub(string text) => new() { ["Fn::Sub"] = text };

    public static JsonObject GetAtt(string logicalId, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

    /// <summary>The stage-qualified physical name every named resource of the stack gets: <c>gymcoach-${Stage}-{name}</c>.</summary>
    public static JsonObject StageName(string name) => Sub($"gymcoach-${{Stage}}-{name}");

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
