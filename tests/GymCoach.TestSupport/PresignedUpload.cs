using System.Net.Http.Headers;
using System.Text.Json;

namespace GymCoach.TestSupport;

/// <summary>
/// A photo upload as the app makes it: a PUT of the bytes to <c>upload.url</c> with every header in
/// <c>upload.headers</c> (the content length goes with the body). A test may send another content type or URL to
/// try a forgery.
/// </summary>
public static class PresignedUpload
{
    private static readonly HttpClient Http = new();

    public static async Task<HttpResponseMessage> PutAsync(JsonElement upload, byte[] bytes, string? contentType = null, string? url = null)
    {
        using var content = new ByteArrayContent(bytes);
        var headers = upload.GetProperty("headers");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? headers.GetProperty("content-type").GetString()!);
        using var request = new HttpRequestMessage(HttpMethod.Put, url ?? upload.GetProperty("url").GetString()) { Content = content };
        foreach (var header in headers.EnumerateObject().Where(h => h.Name is not ("content-type" or "content-length")))
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        }

        return await Http.SendAsync(request);
    }
}
