using System.Text;
using System.Text.Json;
using GymCoach.Lambda.Http;

namespace GymCoach.Lambda.Tests.Http;

public sealed class HttpApiRequestTests
{
    [Fact]
    public void Deserialize_ApiGatewayShapedEvent_ReadsEveryPart()
    {
        var json = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "post-with-base64-body.json"));

        var request = JsonSerializer.Deserialize(json, HttpJsonContext.Default.HttpApiRequest)!;

        Assert.Equal("POST", request.RequestContext!.Http!.Method);
        Assert.Equal(["session=abc", "theme=light"], request.Cookies);
        Assert.Equal("a,b", request.QueryStringParameters!["tag"]);
        Assert.Equal("5e0c9a1b-0000-4000-8000-000000000001", request.RequestContext.Authorizer!.Jwt!.Claims!["sub"]);
        Assert.Equal("[lifters]", request.RequestContext.Authorizer.Jwt.Claims["cognito:groups"]);
        Assert.Equal(1795395723000, request.RequestContext.TimeEpoch);
        Assert.True(request.IsBase64Encoded);
        Assert.Equal("{\"name\":\"widget\",\"count\":3}", Encoding.UTF8.GetString(Convert.FromBase64String(request.Body!)));
    }

    [Fact]
    public void Deserialize_NonStringClaims_AreReadAsStrings()
    {
        const string json = """{"requestContext":{"authorizer":{"jwt":{"claims":{"sub":"u","exp":1795370645,"admin":false,"roles":["a","b"]}}}}}""";

        var claims = JsonSerializer.Deserialize(json, HttpJsonContext.Default.HttpApiRequest)!.RequestContext!.Authorizer!.Jwt!.Claims!;

        Assert.Equal("1795370645", claims["exp"]);
        Assert.Equal("false", claims["admin"]);
        Assert.Equal("[\"a\",\"b\"]", claims["roles"]);
    }
}
