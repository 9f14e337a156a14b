using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;

namespace GymCoach.Generator;

/// <summary>
/// The stage's dashboard: the shared resources' widgets as the shared template writes them (a readable object,
/// not an escaped string), with the function widgets put where it says <see cref="FunctionWidgets"/>: one line
/// per declared function, and for stream consumers their iterator age and failure queue. Widgets are laid out two
/// to a row; the body becomes the <c>Fn::Sub</c> string CloudFormation wants.
/// </summary>
internal static class DashboardWriter
{
    public const string FunctionWidgets = "GymCoach::FunctionWidgets";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonObject dashboard, IReadOnlyList<FunctionDeclaration> functions)
    {
        var properties = dashboard["Properties"]!.AsObject();
        var declared = properties["DashboardBody"]!.AsObject()["widgets"]!.AsArray();
        var widgets = new List<JsonObject>();
        foreach (var widget in declared)
        {
            if (widget is JsonValue marker && marker.GetValue<string>() == FunctionWidgets)
            {
                widgets.AddRange(ForFunctions(functions));
            }
            else
            {
                widgets.Add(widget!.DeepClone().AsObject());
            }
        }

        var body = new JsonArray();
        for (var i = 0; i < widgets.Count; i++)
        {
            var placed = new JsonObject
            {
                ["type"] = widgets[i]["type"]!.DeepClone(),
                ["x"] = i % 2 * 12,
                ["y"] = i / 2 * 6,
                ["width"] = 12,
                ["height"] = 6,
                ["properties"] = widgets[i]["properties"]!.DeepClone(),
            };
            body.Add(placed);
        }

        properties["DashboardBody"] = TemplateJson.Sub(new JsonObject { ["widgets"] = body }.ToJsonString(Compact));
    }

    private static IEnumerable<JsonObject> ForFunctions(IReadOnlyList<FunctionDeclaration> functions)
    {
        var streams = functions.Where(f => f.Kind == FunctionKind.StreamConsumer).OrderBy(f => f.LogicalId, StringComparer.Ordinal).ToList();
        yield return Widget("Invocations", functions.Select(f => Lambda(f, "Invocations", "Sum")));
        yield return Widget("Errors and throttles", functions.Select(f => Lambda(f, "Errors", "Sum")).Concat(functions.Select(f => Lambda(f, "Throttles", "Sum", " throttles"))));
        yield return Widget("Duration p99 (ms)", functions.Select(f => Lambda(f, "Duration", "p99")));
        yield return Widget("Concurrent executions", functions.Select(f => Lambda(f, "ConcurrentExecutions", "Maximum")));
        yield return Widget("Stream iterator age (ms)", streams.Select(f => Lambda(f, "IteratorAge", "Maximum")));
        yield return Widget("Failure queues (messages)", streams.Select(f => new JsonArray(
            "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", $"${{{FunctionBlock.FailureQueue(f)}.QueueName}}", new JsonObject { ["stat"] = "Maximum" })));
    }

    private static JsonArray Lambda(FunctionDeclaration function, string metric, string stat, string labelSuffix = "") =>
        new("AWS/Lambda", metric, "FunctionName", $"${{{function.LogicalId}}}", new JsonObject { ["stat"] = stat, ["label"] = function.ResourcePrefix + labelSuffix });

    private static JsonObject Widget(string title, IEnumerable<JsonArray> metrics) => new()
    {
        ["type"] = "metric",
        ["properties"] = new JsonObject
        {
            ["title"] = title,
            ["region"] = "${AWS::Region}",
            ["view"] = "timeSeries",
            ["stacked"] = false,
            ["metrics"] = new JsonArray(metrics.Select(m => (JsonNode)m).ToArray()),
            ["period"] = 60,
        },
    };
}
