using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GymCoach.LocalInfra.S3;

/// <summary>
/// Checks a presigned (query-string SigV4) S3 request the way S3 does: the signature over the method, the
/// path, the query and every signed header as the request really carries them, and the expiry. s3rver accepts
/// any SigV4 signature, so without this a URL signed for one key, type or size would work for another locally.
/// </summary>
public static class PresignedUrlVerifier
{
    public sealed record Verdict(bool Allowed, string Code, string Message)
    {
        public static readonly Verdict Ok = new(true, string.Empty, string.Empty);
    }

    /// <summary>Whether S3 would accept this presigned request now, and if not, its error code and message.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawPath">The path as sent (still percent-encoded).</param>
    /// <param name="query">The query's pairs, decoded, in the order sent.</param>
    /// <param name="header">A request header's value by lower-case name (null when absent).</param>
    /// <param name="secretFor">The secret key of an access key id (null for an unknown one).</param>
    /// <param name="now">The time the expiry is checked against.</param>
    public static Verdict Verify(string method, string rawPath, IReadOnlyList<KeyValuePair<string, string>> query, Func<string, string?> header, Func<string, string?> secretFor, DateTimeOffset now)
    {
        string? Query(string name) => query.FirstOrDefault(p => p.Key == name).Value;
        var credential = Query("X-Amz-Credential");
        var date = Query("X-Amz-Date");
        var expires = Query("X-Amz-Expires");
        var signedHeaders = Query("X-Amz-SignedHeaders");
        var signature = Query("X-Amz-Signature");
        if (credential is null || date is null || expires is null || signedHeaders is null || signature is null || Query("X-Amz-Algorithm") != "AWS4-HMAC-SHA256")
        {
            return new(false, "AuthorizationQueryParametersError", "Query-string authentication version 4 requires X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Expires.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || secretFor(scope[0]) is not { } secret)
        {
            return new(false, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }

        if (!DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new(false, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed.");
        }

        if (now > signedAt.AddSeconds(seconds))
        {
            return new(false, "AccessDenied", "Request has expired");
        }

        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(rawPath)).Append('\n')
            .Append(string.Join('&', query.Where(p => p.Key != "X-Amz-Signature").Select(p => Encode(p.Key, true) + "=" + Encode(p.Value, true)).Order(StringComparer.Ordinal))).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            canonical.Append(name).Append(':').Append(string.Join(' ', (header(name) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(header("x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD");
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", date, string.Join('/', scope[1..]), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope[1..])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? Verdict.Ok
            : new(false, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    /// <summary>S3's canonical URI: each segment decoded, then encoded once (slashes kept).</summary>
    private static string CanonicalPath(string rawPath) =>
        string.Join('/', rawPath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s), true)));

    private static string Encode(string value, bool encodeSlash)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~' || (c == '/' && !encodeSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
