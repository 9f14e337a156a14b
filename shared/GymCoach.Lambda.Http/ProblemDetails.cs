namespace GymCoach.Lambda.Http;

/// <summary>
/// RFC 9457 problem document: every error the API returns has this shape, so the mobile app has one error
/// parser. <see cref="Errors"/> names each invalid field with its messages.
/// </summary>
public sealed class ProblemDetails
{
    public string Type { get; set; } = "about:blank";

    public string Title { get; set; } = string.Empty;

    public int Status { get; set; }

    public string? Detail { get; set; }

    public string? Instance { get; set; }

    public string? RequestId { get; set; }

    public Dictionary<string, string[]>? Errors { get; set; }

    /// <summary>On a 412, the resource as it is now (the same JSON as its GET, its ETag in the header): the client merges without another round trip.</summary>
    public System.Text.Json.JsonElement? Current { get; set; }
}
