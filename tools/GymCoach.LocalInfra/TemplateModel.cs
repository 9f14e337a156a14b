using System.Text.Json;

namespace GymCoach.LocalInfra;

/// <summary>
/// What the local stack and the tests need to know from <c>serverless.template</c>: the tables, the buckets
/// and every function with its settings and HTTP routes. Reading the template (rather than repeating it in
/// code) is what keeps local runs faithful to what deploys.
/// </summary>
public sealed class TemplateModel
{
    private TemplateModel(JsonElement root, IReadOnlyList<TableDefinition> tables, IReadOnlyList<FunctionDefinition> functions, IReadOnlyList<string> buckets)
    {
        Root = root;
        Tables = tables;
        Functions = functions;
        Buckets = buckets;
    }

    public JsonElement Root { get; }

    public IReadOnlyList<TableDefinition> Tables { get; }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    /// <summary>Logical ids of the S3 buckets.</summary>
    public IReadOnlyList<string> Buckets { get; }

    public static TemplateModel Load(string? path = null)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path ?? RepoPaths.Template));
        var root = document.RootElement.Clone();
        var resources = root.GetProperty("Resources");
        var globals = root.TryGetProperty("Globals", out var g) && g.TryGetProperty("Function", out var gf) ? gf : default;

        var tables = new List<TableDefinition>();
        var functions = new List<FunctionDefinition>();
        var buckets = new List<string>();
        foreach (var resource in resources.EnumerateObject())
        {
            var type = resource.Value.GetProperty("Type").GetString();
            var properties = resource.Value.TryGetProperty("Properties", out var p) ? p : default;
            switch (type)
            {
                case "AWS::DynamoDB::Table":
                    tables.Add(new TableDefinition(resource.Name, properties));
                    break;
                case "AWS::Serverless::Function":
                    functions.Add(FunctionDefinition.Read(resource.Name, properties, globals, name => DefaultOf(root, name)));
                    break;
                case "AWS::S3::Bucket":
                    buckets.Add(resource.Name);
                    break;
            }
        }

        return new TemplateModel(root, tables, functions, buckets);
    }

    /// <summary>A parameter's default value, if it has one.</summary>
    public string? ParameterDefault(string name) => DefaultOf(Root, name);

    private static string? DefaultOf(JsonElement root, string name) =>
        root.TryGetProperty("Parameters", out var parameters)
        && parameters.TryGetProperty(name, out var parameter)
        && parameter.TryGetProperty("Default", out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}

/// <summary>A table resource's logical id and its CloudFormation properties.</summary>
public sealed record TableDefinition(string LogicalId, JsonElement Properties);

/// <summary>One HTTP API route a function serves.</summary>
public sealed record HttpRoute(string EventName, string Method, string Path)
{
    public string RouteKey => $"{Method} {Path}";
}

/// <summary>A function's settings as deployed (function properties over Globals).</summary>
public sealed record FunctionDefinition(
    string LogicalId,
    string CodeUri,
    string Handler,
    string Runtime,
    int MemorySize,
    int Timeout,
    int? ReservedConcurrentExecutions,
    IReadOnlyDictionary<string, JsonElement> Environment,
    IReadOnlyList<HttpRoute> Routes,
    IReadOnlyList<string> StreamEvents,
    JsonElement Properties)
{
    internal static FunctionDefinition Read(string logicalId, JsonElement properties, JsonElement globals, Func<string, string?> parameterDefault)
    {
        // A number is written as itself or as a Ref to a Number parameter (memory, concurrency): a local run
        // takes the parameter's default, as a deploy that does not override it would.
        int? Number(JsonElement v) => v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt32(),
            JsonValueKind.Object when v.TryGetProperty("Ref", out var reference) =>
                int.Parse(parameterDefault(reference.GetString()!) ?? throw new InvalidOperationException($"{logicalId}: parameter {reference.GetString()} has no default"), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        string Str(string name, string fallback) =>
            properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
            : globals.ValueKind == JsonValueKind.Object && globals.TryGetProperty(name, out var gv) && gv.ValueKind == JsonValueKind.String ? gv.GetString()!
            : fallback;
        int Int(string name, int fallback) =>
            (properties.TryGetProperty(name, out var v) ? Number(v) : null)
            ?? (globals.ValueKind == JsonValueKind.Object && globals.TryGetProperty(name, out var gv) ? Number(gv) : null)
            ?? fallback;

        var environment = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var source in new[] { globals, properties })
        {
            if (source.ValueKind == JsonValueKind.Object
                && source.TryGetProperty("Environment", out var env)
                && env.TryGetProperty("Variables", out var variables))
            {
                foreach (var variable in variables.EnumerateObject())
                {
                    environment[variable.Name] = variable.Value.Clone();
                }
            }
        }

        var routes = new List<HttpRoute>();
        var streams = new List<string>();
        if (properties.TryGetProperty("Events", out var events))
        {
            foreach (var e in events.EnumerateObject())
            {
                var eventType = e.Value.GetProperty("Type").GetString();
                if (eventType == "HttpApi")
                {
                    var ep = e.Value.GetProperty("Properties");
                    routes.Add(new HttpRoute(e.Name, ep.GetProperty("Method").GetString()!.ToUpperInvariant(), ep.GetProperty("Path").GetString()!));
                }
                else if (eventType == "DynamoDB")
                {
                    streams.Add(e.Name);
                }
            }
        }

        int? reserved = properties.TryGetProperty("ReservedConcurrentExecutions", out var r) ? Number(r) : null;
        return new FunctionDefinition(
            logicalId,
            Str("CodeUri", "."),
            Str("Handler", "bootstrap"),
            Str("Runtime", "provided.al2023"),
            Int("MemorySize", 128),
            Int("Timeout", 3),
            reserved,
            environment,
            routes,
            streams,
            properties.Clone());
    }
}
