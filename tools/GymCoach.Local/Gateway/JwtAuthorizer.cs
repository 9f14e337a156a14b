using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
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
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly RsaSecurityKey _signingKey;
    private readonly string _issuer;
    private readonly IReadOnlyCollection<string> _audiences;
    private readonly TimeProvider _time;

    public JwtAuthorizer(RSA key, string issuer, IReadOnlyCollection<string> audiences, TimeProvider? time = null)
    {
        _signingKey = new RsaSecurityKey(key) { KeyId = LocalTokens.KeyId };
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
        try
        {
            // Signature (RS256 only), issuer, audience and lifetime by Microsoft.IdentityModel, as a real
            // authorizer would; any token it cannot even read (an exp past year 9999, a broken segment) is a 401 too.
            var validation = Handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = _signingKey,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ValidIssuer = _issuer,
                ValidAudiences = _audiences,
                AudienceValidator = (audiences, token, _) => audiences.Any(_audiences.Contains)
                    || (token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("client_id", out var clientId) && _audiences.Contains(clientId)),
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = ClockSkew,
                LifetimeValidator = (notBefore, expires, _, _) => Lifetime(notBefore, expires),
                TryAllIssuerSigningKeys = true,
            }).GetAwaiter().GetResult();
            if (!validation.IsValid)
            {
                failure = Reason(validation.Exception);
                return null;
            }

            using var payload = JsonDocument.Parse(Decode(token.Split('.')[1]));
            var root = payload.RootElement;
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
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = "malformed token";
            return null;
        }
    }

    private bool Lifetime(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp.Add(ClockSkew) >= now && (notBefore is not { } nbf || nbf.Subtract(ClockSkew) <= now);
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNoExpirationException => "expired or not yet valid",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "unsupported alg",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "bad signature",
        _ => "malformed token",
    };

    private static byte[] Decode(string segment) => System.Buffers.Text.Base64Url.DecodeFromChars(segment);

}
