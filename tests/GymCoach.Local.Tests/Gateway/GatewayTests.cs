using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GymCoach.Local.Gateway;

namespace GymCoach.Local.Tests.Gateway;

[Collection(LocalStackCollection.Name)]
public sealed class GatewayTests(LocalStackFixture local)
{
    [Fact]
    public async Task Profiles_PutThenGetWithDevToken_RoundTrips()
    {
        using var put = await local.Http.SendAsync(local.Request(HttpMethod.Put, "/profiles/me", "gateway-ada", """{"displayName":"Ada"}"""));
        using var get = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/profiles/me", "gateway-ada"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"1\"", get.Headers.ETag!.Tag);
        var profile = await get.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Ada", profile.GetProperty("displayName").GetString());
        Assert.Equal("gateway-ada", profile.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task AnyRoute_NoToken_Returns401WithoutInvoking()
    {
        var before = local.CountReports("ProfilesFunction", coldOnly: false);

        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/profiles/me", sub: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, local.CountReports("ProfilesFunction", coldOnly: false));
    }

    [Fact]
    public async Task AnyRoute_TamperedToken_Returns401()
    {
        var token = local.Token("alice");
        var payloadStart = token.IndexOf('.', StringComparison.Ordinal) + 1;
        var forged = token[..payloadStart] + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"mallory\"}")).TrimEnd('=') + token[token.LastIndexOf('.')..];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profiles/me");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + forged);

        using var response = await local.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("audience")]
    [InlineData("issuer")]
    public async Task AnyRoute_TokenFailingAClaimCheck_Returns401(string failure)
    {
        var tokens = local.Stack.Tokens;
        var token = failure switch
        {
            "expired" => tokens.Issue("alice", TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddHours(-1)),
            "audience" => tokens.Issue("alice", TimeSpan.FromMinutes(5), audience: "someone-else"),
            _ => tokens.Issue("alice", TimeSpan.FromMinutes(5), issuer: "https://evil.example"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profiles/me");
        request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);

        using var response = await local.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Returns404()
    {
        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/nowhere"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Event_IsShapedAsApiGatewayBuildsIt()
    {
        using var request = local.Request(HttpMethod.Post, "/probe/echo?tag=a&tag=b&q=x%20y");
        request.Headers.TryAddWithoutValidation("X-Custom", "v1");
        request.Headers.TryAddWithoutValidation("Cookie", "a=1; b=2");
        request.Content = new ByteArrayContent([0, 1, 2, 255]);
        request.Content.Headers.ContentType = new("application/octet-stream");

        using var response = await local.Http.SendAsync(request);
        var apiEvent = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2.0", apiEvent.GetProperty("version").GetString());
        Assert.Equal("POST /probe/echo", apiEvent.GetProperty("routeKey").GetString());
        Assert.Equal("tag=a&tag=b&q=x%20y", apiEvent.GetProperty("rawQueryString").GetString());
        Assert.Equal("a,b", apiEvent.GetProperty("queryStringParameters").GetProperty("tag").GetString());
        Assert.Equal("x y", apiEvent.GetProperty("queryStringParameters").GetProperty("q").GetString());
        Assert.Equal("v1", apiEvent.GetProperty("headers").GetProperty("x-custom").GetString());
        Assert.False(apiEvent.GetProperty("headers").TryGetProperty("cookie", out _));
        Assert.Equal(["a=1", "b=2"], apiEvent.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.True(apiEvent.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, Convert.FromBase64String(apiEvent.GetProperty("body").GetString()!));
        var context = apiEvent.GetProperty("requestContext");
        Assert.Equal("POST", context.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("alice", context.GetProperty("authorizer").GetProperty("jwt").GetProperty("claims").GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.String, context.GetProperty("authorizer").GetProperty("jwt").GetProperty("claims").GetProperty("exp").ValueKind);
        Assert.True(context.GetProperty("timeEpoch").GetInt64() > 0);
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());
        Assert.False(string.IsNullOrEmpty(context.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task GreedyRoute_PassesTheRestOfThePath()
    {
        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/files/a/b/c.png"));
        var apiEvent = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("a/b/c.png", apiEvent.GetProperty("pathParameters").GetProperty("path").GetString());
        Assert.Equal("GET /probe/files/{path+}", apiEvent.GetProperty("routeKey").GetString());
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_IsAnsweredByTheGateway()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/profiles/me");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost:3000");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "PUT");

        using var response = await local.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("access-control-allow-origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("access-control-allow-methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void JwtAuthorizer_ClaimArrays_BecomeBracketedStrings()
    {
        var authorizer = new JwtAuthorizer(local.Stack.Tokens.Key, LocalTokens.Issuer, [LocalTokens.Audience]);

        var claims = authorizer.Authorize("Bearer " + local.Token("bob"), out var failure);

        Assert.Null(failure);
        Assert.Equal("bob", claims!["sub"]);
        Assert.All(claims.Values, v => Assert.IsType<string>(v));
    }
}
