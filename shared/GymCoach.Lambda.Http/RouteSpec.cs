using System.Text.Json.Serialization.Metadata;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Everything said about a route, in the one place it is declared: the router matches on it, the template's
/// HttpApi events and the OpenAPI document are generated from it (<c>dotnet run --project tools/GymCoach.Generator</c>),
/// and the route-table tests (isolation, hostile input) drive every route from it. Bodies are described by
/// the same source-generated type info the handler reads and writes with, so the document cannot drift.
/// </summary>
public sealed record RouteSpec(string RouteKey, string Name)
{
    /// <summary>One line for the API document.</summary>
    public string? Summary { get; init; }

    /// <summary>The JSON body the route reads, if any.</summary>
    public JsonTypeInfo? RequestBody { get; init; }

    /// <summary>The JSON body of its success answer, if any.</summary>
    public JsonTypeInfo? ResponseBody { get; init; }

    /// <summary>Status of the success answer (201 for creates, 200 or 201 for create-or-replace).</summary>
    public IReadOnlyList<int> SuccessStatuses { get; init; } = [200];

    public IReadOnlyList<QueryParameterSpec> Query { get; init; } = [];

    /// <summary>Runs without a JWT subject.</summary>
    public bool Anonymous { get; init; }

    /// <summary>
    /// Answers while the caller's account is being deleted: only the deletion's own routes (asking for it again,
    /// following it). Every other route of a user answers 409 <c>account-deleting</c> then.
    /// </summary>
    public bool DuringDeletion { get; init; }

    /// <summary>
    /// The handler reads the account's deletion marker itself, in the same request as its own first read, and
    /// answers 409 <c>account-deleting</c> as every route does; the function then adds no read of its own. For a
    /// route whose cost is counted in requests (a sync with nothing new is one).
    /// </summary>
    public bool FencesItself { get; init; }

    /// <summary>Accepts <c>Idempotency-Key</c> (a create).</summary>
    public bool Idempotent { get; init; }

    /// <summary>Honours If-Match / If-None-Match (a create-or-replace: 428 without a precondition when it exists).</summary>
    public bool Conditional { get; init; }

    /// <summary>A valid body, for the document's example and as the seed of generated hostile input.</summary>
    public string? Example { get; init; }

    public string Method => RouteKey[..RouteKey.IndexOf(' ', StringComparison.Ordinal)];

    public string Path => RouteKey[(RouteKey.IndexOf(' ', StringComparison.Ordinal) + 1)..];
}

/// <summary>A documented query-string parameter: <paramref name="Type"/> is <c>string</c>, <c>integer</c> or <c>date</c>.</summary>
public sealed record QueryParameterSpec(string Name, string Type, string Description);
