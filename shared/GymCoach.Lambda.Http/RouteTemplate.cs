namespace GymCoach.Lambda.Http;

/// <summary>
/// One parsed <c>METHOD /path/{param}</c> route key. Matching follows API Gateway: literal segments beat
/// parameters, and a trailing <c>{name+}</c> takes the rest of the path.
/// </summary>
public sealed class RouteTemplate
{
    private readonly Segment[] _segments;

    private RouteTemplate(string routeKey, string method, string path, Segment[] segments)
    {
        RouteKey = routeKey;
        Method = method;
        Path = path;
        _segments = segments;
        Specificity = segments.Count(s => s.Kind == SegmentKind.Literal);
    }

    private enum SegmentKind
    {
        Literal,
        Parameter,
        Greedy,
    }

    public string RouteKey { get; }

    public string Method { get; }

    public string Path { get; }

    /// <summary>How many literal segments the route has: the higher, the more specific.</summary>
    public int Specificity { get; }

    public static RouteTemplate Parse(string routeKey)
    {
        var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || routeKey.Length <= space + 1 || routeKey[space + 1] != '/')
        {
            throw new ArgumentException($"Route key '{routeKey}' is not of the form 'METHOD /path'.", nameof(routeKey));
        }

        var method = routeKey[..space].ToUpperInvariant();
        var path = routeKey[(space + 1)..];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i != parts.Length - 1)
                {
                    throw new ArgumentException($"Greedy parameter must be last in '{routeKey}'.", nameof(routeKey));
                }

                segments[i] = new Segment(SegmentKind.Greedy, part[1..^2]);
            }
            else if (part.StartsWith('{') && part.EndsWith('}'))
            {
                segments[i] = new Segment(SegmentKind.Parameter, part[1..^1]);
            }
            else
            {
                segments[i] = new Segment(SegmentKind.Literal, part);
            }
        }

        return new RouteTemplate($"{method} {path}", method, path, segments);
    }

    /// <summary>Matches <paramref name="path"/> ignoring the method; fills <paramref name="parameters"/> on success.</summary>
    public bool TryMatch(string path, out Dictionary<string, string>? parameters)
    {
        parameters = null;
        var rest = path.AsSpan();
        if (rest.IsEmpty || rest[0] != '/')
        {
            return false;
        }

        rest = rest[1..];
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind == SegmentKind.Greedy)
            {
                if (rest.IsEmpty)
                {
                    return false;
                }

                (parameters ??= new(StringComparer.Ordinal))[segment.Value] = Uri.UnescapeDataString(rest.ToString());
                return true;
            }

            if (rest.IsEmpty)
            {
                return false;
            }

            var slash = rest.IndexOf('/');
            var part = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            if (part.IsEmpty || (slash >= 0 && rest.IsEmpty && i == _segments.Length - 1))
            {
                return false; // empty segment or trailing slash: API Gateway treats those as other paths
            }

            if (segment.Kind == SegmentKind.Literal)
            {
                if (!part.SequenceEqual(segment.Value))
                {
                    return false;
                }
            }
            else
            {
                (parameters ??= new(StringComparer.Ordinal))[segment.Value] = Uri.UnescapeDataString(part.ToString());
            }
        }

        return rest.IsEmpty;
    }

    private readonly record struct Segment(SegmentKind Kind, string Value);
}
