using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Streams an <see cref="HttpResult"/> into the payload 2.0 response envelope: serializes the body once into a
/// thread-cached buffer, answers 304 for a matching If-None-Match, gzips bodies over 1 KB when the client
/// accepts it (base64, as API Gateway requires for binary), then writes the envelope around it.
/// </summary>
public static class ResponseWriter
{
    /// <summary>Bodies larger than this are gzip-encoded for clients that accept it.</summary>
    public const int CompressionThreshold = 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    public static void Write(IBufferWriter<byte> output, HttpResult result, HttpApiRequest request)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Body.ResetWrittenCount();
        var statusCode = result.StatusCode;
        var hasBody = result.Body is not null;

        if (statusCode == 200 && result.ETag is not null && IsGetOrHead(request) && ETagMatches(Header(request, "if-none-match"), result.ETag))
        {
            statusCode = 304;
            hasBody = false;
        }

        if (hasBody)
        {
            scratch.BodyWriter.Reset(scratch.Body);
            result.Body!.WriteTo(scratch.BodyWriter);
            scratch.BodyWriter.Flush();
        }

        var gzip = hasBody && scratch.Body.WrittenCount > CompressionThreshold && AcceptsGzip(Header(request, "accept-encoding"));

        var writer = scratch.EnvelopeWriter;
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", statusCode);
        writer.WriteStartObject("headers");
        if (hasBody)
        {
            writer.WriteString("content-type", result.ContentType);
        }

        if (result.ETag is not null)
        {
            writer.WriteString("etag", result.ETag);
        }

        if (result.HeaderList is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                writer.WriteString(name, value);
            }
        }

        if (gzip)
        {
            writer.WriteString("content-encoding", "gzip");
            writer.WriteString("vary", "accept-encoding");
        }

        writer.WriteEndObject();

        if (hasBody)
        {
            if (gzip)
            {
                writer.WriteString("body", Base64Gzip(scratch));
                writer.WriteBoolean("isBase64Encoded", true);
            }
            else
            {
                writer.WriteString("body", scratch.Body.WrittenSpan);
                writer.WriteBoolean("isBase64Encoded", false);
            }
        }
        else
        {
            writer.WriteBoolean("isBase64Encoded", false);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static bool IsGetOrHead(HttpApiRequest request) =>
        request.RequestContext?.Http?.Method is "GET" or "HEAD";

    private static string? Header(HttpApiRequest request, string name) => request.GetHeader(name);

    internal static bool ETagMatches(string? ifNoneMatch, string etag)
    {
        if (ifNoneMatch is null)
        {
            return false;
        }

        foreach (var range in ifNoneMatch.AsSpan().Split(','))
        {
            var candidate = ifNoneMatch.AsSpan()[range].Trim();
            if (candidate.StartsWith("W/"))
            {
                candidate = candidate[2..];
            }

            if (candidate.SequenceEqual("*") || candidate.SequenceEqual(etag))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether Accept-Encoding allows gzip (RFC 9110 §12.5.3): an explicit <c>gzip</c> entry decides by its
    /// weight (q=0, q=0.0, Q=0.000 all refuse it); otherwise a <c>*</c> entry does; otherwise no.
    /// </summary>
    internal static bool AcceptsGzip(string? acceptEncoding)
    {
        if (acceptEncoding is null)
        {
            return false;
        }

        bool? wildcard = null;
        foreach (var range in acceptEncoding.AsSpan().Split(','))
        {
            var entry = acceptEncoding.AsSpan()[range].Trim();
            var semicolon = entry.IndexOf(';');
            var name = (semicolon >= 0 ? entry[..semicolon] : entry).Trim();
            var weighted = semicolon < 0 || Weight(entry[(semicolon + 1)..]) > 0;
            if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
            {
                return weighted;
            }

            if (name.SequenceEqual("*"))
            {
                wildcard = weighted;
            }
        }

        return wildcard ?? false;
    }

    /// <summary>The q parameter of an Accept-Encoding entry's parameters; 1 when absent, 0 when unreadable.</summary>
    private static double Weight(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            var equals = parameter.IndexOf('=');
            if (equals > 0 && parameter[..equals].Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                return double.TryParse(parameter[(equals + 1)..].Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0;
            }
        }

        return 1;
    }

    private static string Base64Gzip(Scratch scratch)
    {
        scratch.Compressed.SetLength(0);
        using (var gzip = new GZipStream(scratch.Compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(scratch.Body.WrittenSpan);
        }

        var compressed = scratch.Compressed.GetBuffer().AsSpan(0, (int)scratch.Compressed.Length);
        return Convert.ToBase64String(compressed);
    }

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Body { get; } = new(4096);

        public MemoryStream Compressed { get; } = new(4096);

        public Utf8JsonWriter BodyWriter { get; } = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });

        // The envelope is read by API Gateway, never embedded in HTML: relaxed escaping writes the body's quotes
        // as \" instead of \u0022, which is shorter and faster.
        public Utf8JsonWriter EnvelopeWriter { get; } = new(Stream.Null, new JsonWriterOptions
        {
            SkipValidation = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
