namespace GymCoach.Lambda.Http;

/// <summary>A route's handler: parse the request, call the domain, map the result.</summary>
public delegate ValueTask<HttpResult> RouteHandler(HttpRequestContext request);
