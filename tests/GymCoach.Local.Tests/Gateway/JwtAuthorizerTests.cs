using System.Security.Cryptography;
using System.Text;
using GymCoach.Local.Gateway;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>The local JWT authorizer on its own: every token it cannot accept is a refusal, never an exception.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JwtAuthorizerTests
{
    private static readonly RSA Key = RSA.Create(2048);
    private readonly JwtAuthorizer _authorizer = new(Key, LocalTokens.Issuer, [LocalTokens.Audience]);

    [Fact]
    public void Authorize_ValidToken_ReturnsTheClaims()
    {
        var token = new LocalTokens(Key).Issue("alice", TimeSpan.FromMinutes(5));

        var claims = _authorizer.Authorize("Bearer " + token, out var failure);

        Assert.Null(failure);
        Assert.Equal("alice", claims!["sub"]);
    }

    [Theory]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":99999999999999999999}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":1e300}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":-99999999999999999999}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":4102444800,"nbf":99999999999999999999}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":"soon"}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app"}""")]
    [InlineData("""{"sub":"a","iss":"https://local.gymcoach.dev/issuer","aud":"gymcoach-local-app","exp":4102444800,"nbf":4102444000}""")]
    [InlineData("""[1,2]""")]
    public void Authorize_LifetimeOutOfRangeOrMissing_IsRefused(string payload)
    {
        var claims = _authorizer.Authorize("Bearer " + Sign("""{"alg":"RS256","typ":"JWT"}""", payload), out var failure);

        Assert.Null(claims);
        Assert.NotNull(failure);
    }

    [Fact]
    public void Authorize_Rs512SignedByTheRightKey_IsRefused()
    {
        var input = Segments("""{"alg":"RS512","typ":"JWT"}""", ValidPayload);
        var signature = Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);

        Assert.Null(_authorizer.Authorize("Bearer " + input + "." + LocalTokens.Base64Url(signature), out var failure));
        Assert.NotNull(failure);
    }

    [Fact]
    public void Authorize_Hs256KeyedWithThePublicKey_IsRefused()
    {
        // The classic key-confusion attack: an HMAC "signed" with the (public) RSA key's bytes.
        var input = Segments("""{"alg":"HS256","typ":"JWT"}""", ValidPayload);
        var signature = HMACSHA256.HashData(Encoding.ASCII.GetBytes(Key.ExportSubjectPublicKeyInfoPem()), Encoding.ASCII.GetBytes(input));

        Assert.Null(_authorizer.Authorize("Bearer " + input + "." + LocalTokens.Base64Url(signature), out var failure));
        Assert.NotNull(failure);
    }

    [Fact]
    public void Authorize_AlgNoneUnsigned_IsRefused()
    {
        var input = Segments("""{"alg":"none","typ":"JWT"}""", ValidPayload);

        Assert.Null(_authorizer.Authorize("Bearer " + input + ".", out var failure));
        Assert.NotNull(failure);
    }

    private static string ValidPayload => $$"""{"sub":"a","iss":"{{LocalTokens.Issuer}}","aud":"{{LocalTokens.Audience}}","exp":4102444800}""";

    private static string Segments(string header, string payload) =>
        LocalTokens.Base64Url(Encoding.UTF8.GetBytes(header)) + "." + LocalTokens.Base64Url(Encoding.UTF8.GetBytes(payload));

    [Fact]
    public void Authorize_AccessTokenWithClientIdInsteadOfAudience_IsAccepted()
    {
        var payload = $$"""{"sub":"a","iss":"{{LocalTokens.Issuer}}","client_id":"{{LocalTokens.Audience}}","token_use":"access","exp":4102444800}""";

        Assert.NotNull(_authorizer.Authorize("Bearer " + Sign("""{"alg":"RS256","typ":"JWT"}""", payload), out _));
    }

    [Fact]
    public void LoadOrCreate_NewKey_IsReadableByItsOwnerOnly()
    {
        var directory = Directory.CreateTempSubdirectory("gymcoach-jwt-");
        try
        {
            var path = Path.Combine(directory.FullName, "jwt-signing-key.pem");

            LocalTokens.LoadOrCreate(path);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadOrCreate_ExistingKeyWithLooseRights_IsTightened()
    {
        var directory = Directory.CreateTempSubdirectory("gymcoach-jwt-");
        try
        {
            var path = Path.Combine(directory.FullName, "jwt-signing-key.pem");
            File.WriteAllText(path, Key.ExportRSAPrivateKeyPem());
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            LocalTokens.LoadOrCreate(path);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Sign(string header, string payload)
    {
        var input = Segments(header, payload);
        var signature = Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + LocalTokens.Base64Url(signature);
    }
}
