using GymCoach.LocalInfra;

namespace GymCoach.TestSupport;

/// <summary>What serverless.template grants a function, for the policy tests that compare it with what the service really calls.</summary>
public static class TemplatePolicies
{
    /// <summary>Every <c>dynamodb:</c> action in <paramref name="function"/>'s policies, once each, in order.</summary>
    public static List<string> GrantedDynamoDbActions(string function) => GrantedActions(function, "dynamodb");

    /// <summary>Every action of <paramref name="service"/> (<c>dynamodb</c>, <c>s3</c>) in <paramref name="function"/>'s policies, once each, in order.</summary>
    public static List<string> GrantedActions(string function, string service) =>
        TemplateModel.Load().Functions.Single(f => f.LogicalId == function).Properties.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("Statement").EnumerateArray())
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
            .Where(a => a.StartsWith(service + ":", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The resources (as their template text) of every statement of <paramref name="function"/> granting <paramref name="action"/>.</summary>
    public static List<string> ResourcesGranting(string function, string action) =>
        TemplateModel.Load().Functions.Single(f => f.LogicalId == function).Properties.GetProperty("Policies").EnumerateArray()
            .SelectMany(p => p.GetProperty("Statement").EnumerateArray())
            .Where(s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString() == action))
            .SelectMany(s => s.GetProperty("Resource").EnumerateArray().Select(r => r.GetRawText()))
            .ToList();
}
