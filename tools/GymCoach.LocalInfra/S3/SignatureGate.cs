using System.Net;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace GymCoach.LocalInfra.S3;

/// <summary>
/// The local S3 endpoint clients talk to: a small proxy in front of s3rver that refuses a presigned request
/// S3 would refuse (<see cref="PresignedUrlVerifier"/>), answers a create-only PUT (<c>If-None-Match: *</c>) of
/// an existing key with 412 as S3 does, and forwards everything else byte for byte. Requests
/// signed in the Authorization header (the SDK's own) are forwarded as they are: s3rver, like this gate, does
/// not check them.
/// </summary>
public sealed class SignatureGate : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private SignatureGate(WebApplication app, HttpClient upstream, int port)
    {
        _app = app;
        _upstream = upstream;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SignatureGate> StartAsync(int port, int upstreamPort, Func<string, string?> secretFor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            k.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        var upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{upstreamPort}"),
            Timeout = TimeSpan.FromMinutes(5),
        };
        app.Run(context => HandleAsync(context, upstream, secretFor));
        await app.StartAsync().ConfigureAwait(false);
        return new SignatureGate(app, upstream, port);
    }

    private static async Task HandleAsync(HttpContext context, HttpClient upstream, Func<string, string?> secretFor)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? target : target[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : target[(queryStart + 1)..];
        var query = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0].Replace('+', ' ')), p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty))
            .ToList();

        if (query.Exists(p => p.Key == "X-Amz-Signature"))
        {
            var verdict = PresignedUrlVerifier.Verify(
                context.Request.Method,
                rawPath,
                query,
                name => name == "host" ? context.Request.Host.Value
                    : name == "content-length" ? context.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
                secretFor,
                DateTimeOffset.UtcNow);
            if (!verdict.Allowed)
            {
                context.Response.StatusCode = 403;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{verdict.Code}</Code><Message>{SecurityElement.Escape(verdict.Message)}</Message></Error>").ConfigureAwait(false);
                return;
            }
        }

        // S3's conditional write (If-None-Match: * on a PUT of an object), which s3rver ignores.
        if (context.Request.Method == "PUT" && context.Request.Headers.IfNoneMatch.ToString() == "*" && !query.Exists(p => p.Key is "uploadId" or "tagging"))
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, rawPath);
            using var existing = await upstream.SendAsync(head, context.RequestAborted).ConfigureAwait(false);
            if (existing.StatusCode == HttpStatusCode.OK)
            {
                context.Response.StatusCode = 412;
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>").ConfigureAwait(false);
                return;
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength is > 0 || context.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, value) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        request.Headers.Host = context.Request.Host.Value;
        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }
}
