using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GymCoach.Local.Gateway;

/// <summary>
/// The local identity provider: an RS256 key kept under <c>.local/</c> (created on first use) that signs
/// development tokens, standing in for Cognito. The gateway verifies with the same key, so a token printed
/// by <c>token --sub alice</c> works until it expires, across restarts.
/// </summary>
public sealed class LocalTokens
{
    public const string Issuer = "https://local.gymcoach.dev/issuer";
    public const string Audience = "gymcoach-local-app";
    public const string KeyId = "local-1";

    private readonly RSA _key;

    public LocalTokens(RSA key)
    {
        _key = key;
    }

    public RSA Key => _key;

    /// <summary>Loads the key from <paramref name="path"/>, creating it the first time.</summary>
    public static LocalTokens LoadOrCreate(string path)
    {
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            OwnerOnly(path); // a key written before this rule, or copied with looser rights
            rsa.ImportFromPem(File.ReadAllText(path));
            return new LocalTokens(rsa);
        }

        rsa.KeySize = 2048;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        // Created readable by its owner only: whoever can read it can mint tokens for any user of the local stack.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(rsa.ExportRSAPrivateKeyPem());
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            // Another process created it first: use theirs so both agree.
            File.Delete(temporary);
            rsa.ImportFromPem(File.ReadAllText(path));
        }

        return new LocalTokens(rsa);
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A signed JWT with Cognito-like claims for <paramref name="subject"/>.</summary>
    public string Issue(string subject, TimeSpan lifetime, string issuer = Issuer, string audience = Audience, DateTimeOffset? now = null)
    {
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId });
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", subject);
            writer.WriteString("iss", issuer);
            writer.WriteString("aud", audience);
            writer.WriteString("token_use", "id");
            writer.WriteString("email", $"{subject}@local.gymcoach.dev");
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("exp", issuedAt + (long)lifetime.TotalSeconds);
            writer.WriteEndObject();
        }

        var signingInput = Base64Url(header) + "." + Base64Url(payload.ToArray());
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    internal static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
