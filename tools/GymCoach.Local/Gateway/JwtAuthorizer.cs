using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GymCoach.Local.Gateway;

/// <summary>
/// Emulates API Gateway's JWT authorizer: bearer token from the Authorization header, RS256 signature, expiry
/// and not-before, issuer and audience as configured. On success the claims become strings, as API Gateway
/// passes them; on failure the gateway answers 401 without invoking anything.
/// </summary>
public sealed class JwtAuthorizer
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly RSA _key;
    private readonly string _issuer;
    private readonly IReadOnlyCollection<string> _audiences;
    private readonly TimeProvider _time;

    public JwtAuthorizer(RSA key, string issuer, IReadOnlyCollection<string> audiences, TimeProvider? time = null)
    {
        _key = key;
        _issuer = issuer;
        _audiences = audiences;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The claims of a valid token, or null with the reason.</summary>
    public Dictionary<string, string>? Authorize(string? authorizationHeader, out string? failure)
    {
        failure = null;
        if (authorizationHeader is null)
        {
            failure = "no Authorization header";
            return null;
        }

        var token = authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorizationHeader[7..].Trim()
            : authorizationHeader.Trim();
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            failure = "not a JWT";
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Decode(parts[0]));
            if (header.RootElement.GetProperty("alg").GetString() != "RS256")
            {
                failure = "unsupported alg";
                return null;
            }

            var signature = Decode(parts[2]);
            if (!_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                failure = "bad signature";
                return null;
            }

            using var payload = JsonDocument.Parse(Decode(parts[1]));
            var root = payload.RootElement;
            var now = _time.GetUtcNow();
            if (!root.TryGetProperty("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) + ClockSkew < now)
            {
                failure = "expired";
                return null;
            }

            if (root.TryGetProperty("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) - ClockSkew > now)
            {
                failure = "not yet valid";
                return null;
            }

            if (root.TryGetProperty("iss", out var iss) is false || iss.GetString() != _issuer)
            {
                failure = "wrong issuer";
                return null;
            }

            var audiences = root.TryGetProperty("aud", out var aud)
                ? aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(a => a.GetString()).ToList() : [aud.GetString()]
                : root.TryGetProperty("client_id", out var clientId) ? [clientId.GetString()] : [];
            if (!audiences.Any(a => a is not null && _audiences.Contains(a)))
            {
                failure = "wrong audience";
                return null;
            }

            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var claim in root.EnumerateObject())
            {
                claims[claim.Name] = claim.Value.ValueKind switch
                {
                    JsonValueKind.String => claim.Value.GetString()!,
                    JsonValueKind.Number => claim.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Array => "[" + string.Join(' ', claim.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())) + "]",
                    _ => claim.Value.GetRawText(),
                };
            }

            return claims;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or CryptographicException)
        {
            failure = "malformed token";
            return null;
        }
    }

    private static byte[] Decode(string segment) => System.Buffers.Text.Base64Url.DecodeFromChars(segment);

}
