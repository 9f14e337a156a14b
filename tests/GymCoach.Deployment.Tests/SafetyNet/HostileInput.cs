using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using GymCoach.Lambda.Http;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>One generated request: what the safety net throws at a route.</summary>
internal sealed record HostileCase(string Kind, string? Body, Dictionary<string, string> Headers, Dictionary<string, string>? Query, bool Base64, string? PathValue)
{
    /// <summary>True when the request is invalid by construction: it must be refused, whatever the route.</summary>
    public bool MustBeRefused { get; init; }

    public override string ToString() =>
        $"{Kind}: headers {string.Join(", ", Headers.Select(h => h.Key + "=" + Cut(h.Value)))}; query {string.Join("&", (Query ?? []).Select(q => q.Key + "=" + Cut(q.Value)))}; path {Cut(PathValue)}; body {Cut(Body)}";

    private static string Cut(string? value) => value is null ? "∅" : value.Length > 120 ? value[..120] + $"…({value.Length})" : value;
}

/// <summary>
/// Generators of hostile input for a route, seeded by its declared example body and query parameters:
/// malformed JSON, wrong types, boundary/huge/negative numbers, huge strings and lists, deep nesting,
/// control characters, key-like strings, unknown fields, wrong content types, bad base64, oversized bodies, and
/// text that is valid JSON syntax but no valid text (unpaired surrogate escapes, invalid UTF-8).
/// </summary>
internal static class HostileInput
{
    private static readonly string[] KeyLike = ["USER#x", "USER#owner#PROFILE", "#", "/", "..", "../..", "PROFILE", "MEASUREMENT#", "IDEMPOTENCY#x#y", "%00", "\u0000", "\u001f", "\n\r", "{}", "[]", "null", " ", "", "\ud800"];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Const(() => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.OneOf(0d, -0.000001, -1d, 1e308, -1e308, 4.9e-324, 1e15, 0.5, 10.25, 2147483648d).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Char.Array[0, 40].Select(c => (JsonNode?)JsonValue.Create(new string(c))),
        Gen.OneOf(KeyLike).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int[1, 200_000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n))),
        Gen.OneOf("2026-02-30", "1899-12-31", "9999-12-31", "2026-11-20T10:00:00Z", "20261120", "-1").Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency<JsonNode?>(
        (6, (IGen<JsonNode?>)Scalar),
        (1, Gen.Int[0, 20_000].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()))),
        (1, Scalar.Array[0, 5].Select(values => (JsonNode?)new JsonArray(values.Select(v => v?.DeepClone()).ToArray()))),
        (1, Scalar.Select(v => (JsonNode?)new JsonObject { ["nested"] = v?.DeepClone(), ["USER#x"] = 1 })));

    /// <summary>The cases for <paramref name="route"/>; <paramref name="ids"/> are real path values to aim at.</summary>
    public static Gen<HostileCase> For(RouteSpec route, IReadOnlyList<string> ids)
    {
        var gens = new List<(int, Gen<HostileCase>)>();
        if (route.RequestBody is not null && route.Example is { } example)
        {
            gens.Add((8, FieldMutation(route, example)));
            gens.Add((2, RawBody(route, example)));
            gens.Add((1, ContentTypes(route, example)));
            gens.Add((1, Gen.Int[256 * 1024 + 1, 600 * 1024].Select(n => Case(route, "oversized", "{\"x\":\"" + new string('a', n) + "\"}") with { MustBeRefused = true })));
            gens.Add((1, Gen.Int[1, 2000].Select(depth => Case(route, "deep nesting", string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth))) with { MustBeRefused = true })));
            gens.Add((1, Gen.String.Select(s => Case(route, "bad base64", s + "!!", base64: true) with { MustBeRefused = true })));
            if (JsonNode.Parse(example) is JsonObject { Count: > 0 })
            {
                gens.Add((2, TextEscapes(route, example)));
            }
        }

        if (route.Query.Count > 0)
        {
            gens.Add((route.RequestBody is null ? 10 : 3, QueryMutation(route)));
        }

        if (route.Path.Contains('{', StringComparison.Ordinal))
        {
            gens.Add((2, Gen.OneOf(Gen.OneOf(KeyLike.Where(k => k.Length > 0 && !k.Contains('\u0000', StringComparison.Ordinal)).ToArray()), Gen.OneOf(ids.DefaultIfEmpty("none").ToArray()), Gen.Int[1, 3000].Select(n => new string('i', n)))
                .Select(path => Case(route, "path", route.Example) with { PathValue = path })));
        }

        return Gen.Frequency(gens.Select(g => (g.Item1, (IGen<HostileCase>)g.Item2)).ToArray());
    }

    private static Gen<HostileCase> FieldMutation(RouteSpec route, string example)
    {
        var count = Paths(JsonNode.Parse(example)!).Count();
        return Gen.Select(Gen.Int[0, count], Value, Gen.Int[0, 3], (index, value, action) =>
        {
            var body = JsonNode.Parse(example)!;
            var paths = Paths(body).ToArray(); // of this copy: the mutation must land in the body that is sent
            string kind;
            var mustBeRefused = false;
            if (index == count)
            {
                body.AsObject()[UnknownNames[action]] = value?.DeepClone();
                kind = "unknown field";
                mustBeRefused = true;
            }
            else if (action == 0 && paths[index].Parent is JsonObject parent)
            {
                parent.Remove(paths[index].Name);
                kind = "missing " + paths[index].Name;
            }
            else
            {
                Replace(paths[index], value?.DeepClone());
                kind = "field " + paths[index].Name;
            }

            return Case(route, kind, body.ToJsonString()) with { MustBeRefused = mustBeRefused };
        });
    }

    private static readonly string[] UnknownNames = ["heightCM", "USER#x", "__proto__", "PK"];

    private static Gen<HostileCase> RawBody(RouteSpec route, string example) => Gen.OneOf(
        Gen.Int[0, example.Length - 1].Select(cut => Case(route, "truncated", example[..cut]) with { MustBeRefused = true }),
        Gen.String.Select(s => Case(route, "garbage", s)),
        Gen.OneOf("null", "[]", "[1,2]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "\uFEFF{}").Select(s => Case(route, "raw", s) with { MustBeRefused = true }),
        Gen.Const(Case(route, "raw", "{}")));

    private static readonly string[] UnpairedSurrogates = ["\\ud800", "\\udfff", "\\ud83d\\u0041", "a\\udc00b", "\\udbff\\udbff"];

    private static readonly byte[][] InvalidUtf8 = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xFF]];

    /// <summary>
    /// What JSON's own syntax lets through but is no text, written as raw body text (a serializer would refuse or
    /// repair it): unpaired surrogate escapes in names and values, overlong, surrogate and truncated UTF-8 (sent as
    /// base64, the only way raw bytes reach a function), and, accepted or not, NUL escapes and duplicate keys.
    /// </summary>
    private static Gen<HostileCase> TextEscapes(RouteSpec route, string example)
    {
        var field = JsonNode.Parse(example)!.AsObject().First().Key;
        var (before, after) = AroundValueOf(example, field);
        return Gen.OneOf(
            Gen.OneOf(UnpairedSurrogates).Select(text => Case(route, "unpaired surrogate in a name", "{\"" + text + "\":1," + example.TrimStart()[1..]) with { MustBeRefused = true }),
            Gen.OneOf(UnpairedSurrogates).Select(text => Case(route, "unpaired surrogate in a value", before + "\"" + text + "\"" + after) with { MustBeRefused = true }),
            Gen.OneOf(InvalidUtf8).Select(bytes => Case(route, "invalid UTF-8 in a value", Convert.ToBase64String([.. Encoding.UTF8.GetBytes(before + "\"x"), .. bytes, .. Encoding.UTF8.GetBytes("\"" + after)]), base64: true) with { MustBeRefused = true }),
            Gen.OneOf("\"a\\u0000b\"", "\"\\u0000\"", "\"\\ufeff\"").Select(text => Case(route, "escape in a value", before + text + after)),
            Gen.Const(Case(route, "duplicate key", "{\"" + field + "\":null," + example.TrimStart()[1..])));
    }

    /// <summary>The example's text before and after <paramref name="field"/>'s value, to put raw text between.</summary>
    private static (string Before, string After) AroundValueOf(string example, string field)
    {
        const string Placeholder = "HOSTILE_PLACEHOLDER_7F3A";
        var body = JsonNode.Parse(example)!.AsObject();
        body[field] = Placeholder;
        var text = body.ToJsonString();
        var at = text.IndexOf("\"" + Placeholder + "\"", StringComparison.Ordinal);
        return (text[..at], text[(at + Placeholder.Length + 2)..]);
    }

    private static readonly string[] NotJson = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*"];

    private static Gen<HostileCase> ContentTypes(RouteSpec route, string example) =>
        Gen.OneOf([.. NotJson, "", "application/json; charset=utf-16", "application/problem+json"])
            .Select(type => Case(route, "content-type " + type, example) with { Headers = WithDefaults(route, new() { ["content-type"] = type }), MustBeRefused = NotJson.Contains(type) });

    private static Gen<HostileCase> QueryMutation(RouteSpec route)
    {
        var names = route.Query.Select(q => q.Name).ToArray();
        var value = Gen.OneOf(
            Gen.OneOf("0", "-1", "101", "1e9", "99999999999999999999", "1.5", "abc", "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31", "2026-11-20", "2027-01-01", "x.y", "a.b.c", "..", "%"),
            Gen.OneOf(KeyLike),
            Gen.String,
            Gen.Int[1, 10_000].Select(n => new string('q', n)));
        return Gen.Select(Gen.Int[0, names.Length - 1].Array[1, names.Length], value.Array[names.Length], (picked, values) =>
        {
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var i in picked.Distinct())
            {
                query[names[i]] = values[i];
            }

            return Case(route, "query " + string.Join(",", query.Keys), route.Example) with { Query = query };
        });
    }

    private static HostileCase Case(RouteSpec route, string kind, string? body, bool base64 = false) =>
        new(kind, route.RequestBody is null ? null : body, WithDefaults(route, []), null, base64, null);

    /// <summary>Headers that let a valid request through (so the body is what is judged): an idempotency key, If-Match: *.</summary>
    private static Dictionary<string, string> WithDefaults(RouteSpec route, Dictionary<string, string> headers)
    {
        if (route.Idempotent && !headers.ContainsKey("idempotency-key"))
        {
            headers["idempotency-key"] = "hostile-" + Guid.NewGuid().ToString("N");
        }

        if (route.Conditional && !headers.ContainsKey("if-match"))
        {
            headers["if-match"] = "*";
        }

        return headers;
    }

    private static IEnumerable<(JsonNode Node, string Name, JsonNode? Parent)> PathsOf(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    yield return (child!, name, obj);
                    foreach (var nested in child is null ? [] : PathsOf(child))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array[i]!, i.ToString(System.Globalization.CultureInfo.InvariantCulture), array);
                }

                break;
        }
    }

    private static IEnumerable<(string Name, JsonNode? Parent, int Position)> Paths(JsonNode root) =>
        PathsOf(root).Select((p, i) => (p.Name, p.Parent, i));

    private static void Replace((string Name, JsonNode? Parent, int Position) path, JsonNode? value)
    {
        switch (path.Parent)
        {
            case JsonObject obj:
                obj[path.Name] = value;
                break;
            case JsonArray array:
                array[int.Parse(path.Name, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
        }
    }
}
