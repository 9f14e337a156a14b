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
        var full = JsonSerializer.Deserialize(Fixture(), HttpJsonContext.Default.HttpApiRequest)!;

        var lean = HttpApiRequestReader.Read(Fixture());

        Assert.Equal(full.RawPath, lean.RawPath);
        Assert.Equal(full.RawQueryString, lean.RawQueryString);
        Assert.Equal(full.Cookies, lean.Cookies);
        Assert.Null(lean.Headers);
        Assert.All(full.Headers!, header => Assert.Equal(header.Value, lean.GetHeader(header.Key)));
        Assert.Equal("application/json", lean.GetHeader("Content-Type"));
        Assert.Null(lean.GetHeader("absent"));
        Assert.Equal(full.QueryStringParameters, lean.QueryStringParameters);
        Assert.Equal(full.PathParameters, lean.PathParameters);
        Assert.Equal(full.Body, lean.Body);
        Assert.Equal(full.IsBase64Encoded, lean.IsBase64Encoded);
        Assert.Equal(full.RequestContext!.TimeEpoch, lean.RequestContext!.TimeEpoch);
        Assert.Equal("POST", lean.RequestContext!.Http!.Method);
        Assert.Equal("5e0c9a1b-0000-4000-8000-000000000001", HttpFunction.Subject(lean));
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
