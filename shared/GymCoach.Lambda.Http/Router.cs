namespace GymCoach.Lambda.Http;

/// <summary>
/// The route table a service declares at start-up: <c>METHOD /path/{param}</c> → handler. The same keys are
/// what <c>serverless.template</c> declares as HttpApi events (a test keeps the two equal).
/// </summary>
public sealed class Router
{
    private readonly List<Route> _routes = [];

    /// <summary>Every route key, in declaration order.</summary>
    public IReadOnlyList<string> RouteKeys => _declared.Select(r => r.Template.RouteKey).ToList();

    /// <summary>Every route as declared, in declaration order.</summary>
    public IReadOnlyList<RouteSpec> Specs => _declared.Select(r => r.Spec).ToList();

    private readonly List<Route> _declared = [];

    /// <summary>Adds a route with no more said about it than its key (tests, probes); services declare a <see cref="RouteSpec"/>.</summary>
    public Router Map(string routeKey, RouteHandler handler, bool anonymous = false) =>
        Map(new RouteSpec(routeKey, NameOf(routeKey)) { Anonymous = anonymous }, handler);

    /// <summary>A name for a bare route key: its letters and digits (<c>GET /items/{id}</c> → <c>GETitemsid</c>).</summary>
    private static string NameOf(string routeKey) => string.Concat(routeKey.Where(char.IsAsciiLetterOrDigit));

    /// <summary>Adds a route: its spec is the one declaration the template, the API document and the tests read.</summary>
    public Router Map(RouteSpec spec, RouteHandler handler)
    {
        var template = RouteTemplate.Parse(spec.RouteKey);
        if (spec.Name.Length == 0 || spec.Name.Length > 64 || !spec.Name.All(char.IsAsciiLetterOrDigit))
        {
            // It becomes a CloudFormation logical id (the HttpApi event) and an OpenAPI operationId.
            throw new ArgumentException($"Route name '{spec.Name}' must be 1 to 64 letters and digits.", nameof(spec));
        }

        if (_routes.Any(r => r.Template.RouteKey == template.RouteKey))
        {
            throw new ArgumentException($"Route '{template.RouteKey}' is declared twice.", nameof(spec));
        }

        if (_routes.Any(r => r.Spec.Name == spec.Name))
        {
            throw new ArgumentException($"Route name '{spec.Name}' is used twice.", nameof(spec));
        }

        var route = new Route(template, handler, spec.Anonymous, spec);
        _declared.Add(route);
        _routes.Add(route);

        // Most specific first, so /profiles/me wins over /profiles/{id}; stable for equal specificity.
        var ordered = _routes.OrderByDescending(r => r.Template.Specificity).ToList();
        _routes.Clear();
        _routes.AddRange(ordered);
        return this;
    }

    public RouteMatch Match(string method, string path)
    {
        List<string>? allowed = null;
        foreach (var route in _routes)
        {
            if (!route.Template.TryMatch(path, out var parameters))
            {
                continue;
            }

            if (route.Template.Method == method || route.Template.Method == "ANY")
            {
                return new RouteMatch(route, parameters, null);
            }

            (allowed ??= []).Add(route.Template.Method);
        }

        return new RouteMatch(null, null, allowed);
    }
}

/// <summary>A declared route.</summary>
public sealed record Route(RouteTemplate Template, RouteHandler Handler, bool Anonymous, RouteSpec Spec);

/// <summary>
/// The router's answer: a route, or none with the methods the path does allow (405 rather than 404 when the
/// path exists with another method).
/// </summary>
public readonly record struct RouteMatch(Route? Route, Dictionary<string, string>? Parameters, List<string>? AllowedMethods)
{
    public bool Found => Route is not null;

    public bool MethodNotAllowed => Route is null && AllowedMethods is { Count: > 0 };
}
