using System.Text.Json.Nodes;

namespace GymCoach.LocalInfra.Streams;

/// <summary>
/// Lambda's event filtering (the <c>FilterCriteria</c> of an event source mapping), for the pattern syntax the
/// template uses: nested objects, arrays of alternatives that are exact strings or numbers, <c>{"prefix":…}</c>,
/// <c>{"exists":bool}</c> and <c>{"anything-but":[…]}</c>. A record passes when any filter matches (Lambda ORs
/// them); a key the pattern names must match, keys it does not name are free.
/// </summary>
public sealed class EventFilter
{
    private readonly IReadOnlyList<JsonObject> _patterns;

    public EventFilter(IEnumerable<string> patterns)
    {
        _patterns = patterns.Select(p => JsonNode.Parse(p) as JsonObject ?? throw new FormatException($"Filter pattern is not an object: {p}")).ToList();
    }

    /// <summary>No filters: every record passes.</summary>
    public static EventFilter None { get; } = new([]);

    public bool Passes(JsonObject record) => _patterns.Count == 0 || _patterns.Any(p => Matches(p, record));

    private static bool Matches(JsonObject pattern, JsonNode? value)
    {
        foreach (var (name, expected) in pattern)
        {
            var actual = value is JsonObject obj && obj.TryGetPropertyValue(name, out var v) ? v : null;
            var present = value is JsonObject o && o.ContainsKey(name);
            switch (expected)
            {
                case JsonObject nested:
                    if (actual is not JsonObject || !Matches(nested, actual))
                    {
                        return false;
                    }

                    break;
                case JsonArray alternatives:
                    if (!alternatives.Any(a => MatchesOne(a, actual, present)))
                    {
                        return false;
                    }

                    break;
                default:
                    throw new FormatException($"Filter value of '{name}' must be an object or an array.");
            }
        }

        return true;
    }

    private static bool MatchesOne(JsonNode? alternative, JsonNode? actual, bool present)
    {
        if (alternative is JsonObject rule)
        {
            if (rule["prefix"] is JsonValue prefix)
            {
                return actual is JsonValue s && s.TryGetValue<string>(out var text) && text.StartsWith(prefix.GetValue<string>(), StringComparison.Ordinal);
            }

            if (rule["exists"] is JsonValue exists)
            {
                return exists.GetValue<bool>() == present;
            }

            if (rule["anything-but"] is JsonArray excluded)
            {
                return actual is JsonValue && !excluded.Any(e => Same(e, actual));
            }

            throw new FormatException($"Unsupported filter rule: {rule.ToJsonString()}");
        }

        return actual is JsonValue && Same(alternative, actual);
    }

    private static bool Same(JsonNode? expected, JsonNode? actual) =>
        expected is JsonValue e && actual is JsonValue a && e.ToJsonString() == a.ToJsonString();
}
