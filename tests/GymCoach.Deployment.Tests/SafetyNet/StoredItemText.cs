using Amazon.DynamoDBv2.Model;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>One stored item as text, attributes in name order, so that two reads of it compare as strings.</summary>
internal static class StoredItemText
{
    public static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(';', item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Value(a.Value)));

    private static string Value(AttributeValue value) =>
        value.S ?? value.N ?? (value.BOOL is { } b ? b.ToString() : null)
        ?? (value.NULL == true ? "NULL" : null)
        ?? (value.SS is { Count: > 0 } ss ? "SS[" + string.Join(',', ss.Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.NS is { Count: > 0 } ns ? "NS[" + string.Join(',', ns.Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.BS is { Count: > 0 } bs ? "BS[" + string.Join(',', bs.Select(x => Convert.ToBase64String(x.ToArray())).Order(StringComparer.Ordinal)) + "]" : null)
        ?? (value.M is { Count: > 0 } m ? "{" + string.Join(',', m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Value(p.Value))) + "}" : null)
        ?? (value.L is { Count: > 0 } l ? "[" + string.Join(',', l.Select(Value)) + "]" : null)
        ?? (value.B is { } bytes ? Convert.ToBase64String(bytes.ToArray()) : null)
        ?? "∅";
}
