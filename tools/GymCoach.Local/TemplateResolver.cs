using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using GymCoach.LocalInfra;

namespace GymCoach.Local;

/// <summary>
/// Resolves the template's intrinsic functions for a local stage: <c>Ref</c> to a parameter gives its local
/// value, <c>Ref</c> to a table or bucket gives its local name, <c>Fn::Sub</c> substitutes both, and
/// <c>Fn::If</c> takes the branch its condition (<c>Fn::Equals</c>, <c>Fn::Not</c>, <c>Fn::And</c>,
/// <c>Fn::Or</c>, <c>Condition</c>) gives for the local parameters.
/// </summary>
public sealed partial class TemplateResolver
{
    private readonly TemplateModel _template;
    private readonly Dictionary<string, string> _parameters;
    private readonly Dictionary<string, string> _resourceNames = new(StringComparer.Ordinal);

    public TemplateResolver(TemplateModel template, IReadOnlyDictionary<string, string> parameterOverrides)
    {
        _template = template;
        _parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Root.TryGetProperty("Parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                if (template.ParameterDefault(parameter.Name) is { } value)
                {
                    _parameters[parameter.Name] = value;
                }
            }
        }

        foreach (var (name, value) in parameterOverrides)
        {
            _parameters[name] = value;
        }

        _parameters["AWS::Region"] = DynamoDbLocal.Region;
        _parameters["AWS::AccountId"] = "000000000000";
        _parameters["AWS::URLSuffix"] = "amazonaws.com";
        foreach (var table in template.Tables)
        {
            _resourceNames[table.LogicalId] = table.Properties.TryGetProperty("TableName", out var name) ? Resolve(name) ?? table.LogicalId : table.LogicalId;
        }

        foreach (var bucket in template.Buckets)
        {
            _resourceNames[bucket] = $"gymcoach-local-{bucket.ToLowerInvariant()}";
        }

        // Secrets the stack generates (Secrets Manager GenerateSecretString) are generated here too, once per
        // local stack: a fresh random value, never one committed to the repository.
        if (template.Root.TryGetProperty("Resources", out var resources))
        {
            foreach (var resource in resources.EnumerateObject())
            {
                if (resource.Value.TryGetProperty("Type", out var type) && type.GetString() == "AWS::SecretsManager::Secret")
                {
                    _resourceNames[resource.Name] = $"gymcoach-local-{resource.Name.ToLowerInvariant()}";
                    _secrets[_resourceNames[resource.Name]] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
                }
            }
        }
    }

    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public string TableName(TableDefinition table) => _resourceNames[table.LogicalId];

    public string BucketName(string logicalId) => _resourceNames[logicalId];

    public string? Parameter(string name) => _parameters.GetValueOrDefault(name);

    /// <summary>A scalar value, or null when it uses something local runs cannot resolve.</summary>
    public string? Resolve(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            case JsonValueKind.Object when value.TryGetProperty("Ref", out var reference):
                var name = reference.GetString()!;
                return _parameters.GetValueOrDefault(name) ?? _resourceNames.GetValueOrDefault(name);
            case JsonValueKind.Object when value.TryGetProperty("Fn::If", out var branches):
                return Resolve(Branch(branches));
            case JsonValueKind.Object when value.TryGetProperty("Fn::Sub", out var sub) && sub.ValueKind == JsonValueKind.String:
                var substituted = Substitution().Replace(sub.GetString()!, m =>
                    _parameters.GetValueOrDefault(m.Groups[1].Value) ?? _resourceNames.GetValueOrDefault(m.Groups[1].Value) ?? m.Value);
                return SecretReference().Replace(substituted, m => _secrets.GetValueOrDefault(m.Groups[1].Value) ?? m.Value);
            default:
                return null;
        }
    }

    /// <summary>A list value: a JSON array, or a Ref to a CommaDelimitedList parameter.</summary>
    public IEnumerable<string> ResolveList(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Resolve).OfType<string>(),
        JsonValueKind.Object when value.TryGetProperty("Fn::If", out var branches) => ResolveList(Branch(branches)),
        _ => (Resolve(value) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    /// <summary>Whether a named condition of the template's <c>Conditions</c> holds for the local parameters.</summary>
    public bool Condition(string name) =>
        _template.Root.TryGetProperty("Conditions", out var conditions) && conditions.TryGetProperty(name, out var condition)
            ? Evaluate(condition)
            : throw new InvalidOperationException($"The template has no condition {name}.");

    private JsonElement Branch(JsonElement branches) => Condition(branches[0].GetString()!) ? branches[1] : branches[2];

    private bool Evaluate(JsonElement condition)
    {
        var only = condition.EnumerateObject().Single();
        var arguments = only.Value;
        return only.Name switch
        {
            "Fn::Equals" => string.Equals(Resolve(arguments[0]), Resolve(arguments[1]), StringComparison.Ordinal),
            "Fn::Not" => !Evaluate(arguments[0]),
            "Fn::And" => arguments.EnumerateArray().All(Evaluate),
            "Fn::Or" => arguments.EnumerateArray().Any(Evaluate),
            "Condition" => Condition(arguments.GetString()!),
            _ => throw new InvalidOperationException($"Condition function {only.Name} is not supported locally."),
        };
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:]+)\}")]
    private static partial Regex Substitution();

    /// <summary>A CloudFormation dynamic reference to a secret: <c>{{resolve:secretsmanager:name:SecretString:key}}</c>.</summary>
    [GeneratedRegex(@"\{\{resolve:secretsmanager:([^:}]+)(?::[^}]*)?\}\}")]
    private static partial Regex SecretReference();
}
