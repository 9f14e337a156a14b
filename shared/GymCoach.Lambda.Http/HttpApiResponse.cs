namespace GymCoach.Lambda.Http;

/// <summary>
/// The payload 2.0 response object. Routes never build it: <see cref="ResponseWriter"/> streams it straight
/// from an <see cref="HttpResult"/>; the type exists for tests and the local gateway to read responses back.
/// </summary>
public sealed class HttpApiResponse
{
    public int StatusCode { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public List<string>? Cookies { get; set; }

    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }
}
