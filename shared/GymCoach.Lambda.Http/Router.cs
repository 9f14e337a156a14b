namespace GymCoach.Lambda.Http;

/// <summary>
/// The route table a service declares at start-up: <c>METHOD /path/{param}</c> → handler. The same keys are
/// what <c>serverless.template</c> declares as HttpApi events (a test keeps the two equal).
/// </summary>
public sealed class Router
{
    private readonly List<Route> _routes = [];

    /// <summary>Every route key, in declaration order.</summary>
    public IReadOnlyList<string> RouteKeys => _routes.Select(r => r.Template.RouteKey).ToList();

    /// <summary>Adds a route. <paramref name="anonymous"/> routes run without a JWT subject.</summary>
    public Router Map(string routeKey, RouteHandler handler, bool anonymous = false)
    {
        var template = RouteTemplate.Parse(routeKey);
        if (_routes.Any(r => r.Template.RouteKey == template.RouteKey))
        {
            throw new ArgumentException($"Route '{template.RouteKey}' is declared twice.", nameof(routeKey));
        }

        _routes.Add(new Route(template, handler, anonymous));

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
public sealed record Route(RouteTemplate Template, RouteHandler Handler, bool Anonymous);

/// <summary>
/// The router's answer: a route, or none with the methods the path does allow (405 rather than 404 when the
/// path exists with another method).
/// </summary>
public readonly record struct RouteMatch(Route? Route, Dictionary<string, string>? Parameters, List<string>? AllowedMethods)
{
    public bool Found => Route is not null;

    public bool MethodNotAllowed => Route is null && AllowedMethods is { Count: > 0 };
}
