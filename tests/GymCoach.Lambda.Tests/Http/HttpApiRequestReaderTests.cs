using System.Text;
using System.Text.Json;
using GymCoach.Lambda.Http;

namespace GymCoach.Lambda.Tests.Http;

public sealed class HttpApiRequestReaderTests
{
    private static byte[] Fixture() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "post-with-base64-body.json"));

    [Fact]
    public void Read_ApiGatewayEvent_KeepsWhatHandlersUse()
    {
        using var fixture = JsonDocument.Parse(Fixture());
        var expected = fixture.RootElement;

        var lean = HttpApiRequestReader.Read(Fixture());

        Assert.Equal(expected.GetProperty("rawPath").GetString(), lean.RawPath);
        Assert.Equal(expected.GetProperty("rawQueryString").GetString(), lean.RawQueryString);
        Assert.Equal(expected.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()), lean.Cookies);
        Assert.Null(lean.Headers);
        Assert.All(expected.GetProperty("headers").EnumerateObject(), header => Assert.Equal(header.Value.GetString(), lean.GetHeader(header.Name)));
        Assert.Equal("application/json", lean.GetHeader("Content-Type"));
        Assert.Null(lean.GetHeader("absent"));
        Assert.Equal(expected.GetProperty("queryStringParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()), lean.QueryStringParameters!.ToDictionary(p => p.Key, p => (string?)p.Value));
        Assert.Equal(expected.GetProperty("body").GetString(), lean.Body);
        Assert.True(lean.IsBase64Encoded);
        Assert.Equal(expected.GetProperty("requestContext").GetProperty("timeEpoch").GetInt64(), lean.RequestContext!.TimeEpoch);
        Assert.Equal("POST", lean.RequestContext!.Http!.Method);
        Assert.Equal("5e0c9a1b-0000-4000-8000-000000000001", HttpFunction.Subject(lean));
        Assert.Equal("{\"name\":\"widget\",\"count\":3}", Encoding.UTF8.GetString(Convert.FromBase64String(lean.Body!)));
    }

    [Fact]
    public void Read_EventWrittenByTheLocalGateway_RoundTrips()
    {
        var written = GymCoach.LocalInfra.HttpApiEventWriter.Write(GymCoach.TestSupport.ApiEvents.Request("PUT", "/profiles/me", "alice", "{\"a\":1}", new Dictionary<string, string> { ["if-match"] = "\"3\"" }, new Dictionary<string, string> { ["limit"] = "5" }));

        var read = HttpApiRequestReader.Read(written);

        Assert.Equal("/profiles/me", read.RawPath);
        Assert.Equal("PUT", read.RequestContext!.Http!.Method);
        Assert.Equal("\"3\"", read.GetHeader("if-match"));
        Assert.Equal("5", read.QueryStringParameters!["limit"]);
        Assert.Equal("{\"a\":1}", read.Body);
        Assert.Equal("alice", HttpFunction.Subject(read));
    }

    [Fact]
    public void Read_NonStringSub_IsNoIdentity()
    {
        const string json = """{"rawPath":"/a","requestContext":{"http":{"method":"GET"},"authorizer":{"jwt":{"claims":{"sub":123,"exp":1795370645,"admin":false,"roles":["a","b"]}}}}}""";

        var request = HttpApiRequestReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(HttpFunction.Subject(request));
    }

    [Fact]
    public void Read_ClaimsOtherThanSub_AreNotKeptAndHeadersAreFoundByName()
    {
        const string json = """
            {"rawPath":"/a","headers":{"authorization":"Bearer eyJ...","Accept":"x","x-\u0061":"escaped"},
             "requestContext":{"http":{"method":"GET"},"authorizer":{"jwt":{"claims":{"email":"a@b","sub":"u-1"},"scopes":["s"]}}}}
            """;

        var request = HttpApiRequestReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal("x", request.GetHeader("Accept"));
        Assert.Equal("x", request.GetHeader("accept"));
        Assert.Equal("escaped", request.GetHeader("x-a"));
        Assert.Null(request.RequestContext!.Authorizer!.Jwt!.Claims);
        Assert.Equal("u-1", HttpFunction.Subject(request));
    }

    [Fact]
    public void Read_UnexpectedShapes_AreSkippedNotFatal()
    {
        const string json = """
            {"version":"2.0","stageVariables":{"a":"b"},"headers":{"n":1,"s":"ok"},"queryStringParameters":null,
             "requestContext":{"authorizer":{"lambda":{"x":1}},"http":"weird","extra":[1,{"a":[]}]},"body":null,"isBase64Encoded":false}
            """;

        var request = HttpApiRequestReader.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal("ok", request.GetHeader("s"));
        Assert.Null(request.GetHeader("n"));
        Assert.Null(request.QueryStringParameters);
        Assert.Null(request.Body);
        Assert.Null(HttpFunction.Subject(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"rawPath\":")]
    public void Read_NotAnEventObject_Throws(string json)
    {
        Assert.ThrowsAny<JsonException>(() => HttpApiRequestReader.Read(Encoding.UTF8.GetBytes(json)));
    }
}
