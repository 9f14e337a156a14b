using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GymCoach.Local.Gateway;

/// <summary>
/// Writes a function's payload 2.0 answer to the HTTP response as API Gateway does. An answer without
/// <c>statusCode</c> is taken as the body of a 200 JSON response (HTTP API's inference rule).
/// </summary>
public static class ResponseMapper
{
    public static async Task WriteAsync(HttpContext context, byte[] payload)
    {
        var response = context.Response;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            await WriteMessageAsync(context, 502, "Internal Server Error").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status))
            {
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(payload).ConfigureAwait(false);
                return;
            }

            response.StatusCode = status.GetInt32();
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    response.Headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText();
                }
            }

            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                foreach (var cookie in cookies.EnumerateArray())
                {
                    response.Headers.Append("set-cookie", cookie.GetString());
                }
            }

            if (root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
            {
                var text = body.GetString()!;
                var bytes = root.TryGetProperty("isBase64Encoded", out var b64) && b64.ValueKind == JsonValueKind.True
                    ? Convert.FromBase64String(text)
                    : Encoding.UTF8.GetBytes(text);
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes).ConfigureAwait(false);
            }
        }
    }

    /// <summary>API Gateway's own error shape: <c>{"message":"..."}</c>.</summary>
    public static async Task WriteMessageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message })).ConfigureAwait(false);
    }
}
