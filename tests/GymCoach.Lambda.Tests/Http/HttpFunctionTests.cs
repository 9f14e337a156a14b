using System.Text.Json.Serialization;
using System.Text.Json;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Lambda.Tests.Http;

public sealed class HttpFunctionTests
{
    private readonly CapturingLogger _log = new();
    private readonly HttpFunction _function;

    public HttpFunctionTests()
    {
        var router = new Router()
            .Map("GET /items/{id}", request => ValueTask.FromResult(
                HttpResult.Ok(new Item { Id = request.PathParameter("id"), Owner = request.UserId }, TestJson.Default.Item, "\"3\"")))
            .Map("POST /items", request =>
            {
                var item = request.ReadJson(TestJson.Default.Item);
                var errors = new ValidationErrors();
                if (item.Count is < 0)
                {
                    errors.Add("count", "Must not be negative.");
                }

                if (string.IsNullOrEmpty(item.Id))
                {
                    errors.Add("id", "Is required.");
                }

                errors.ThrowIfAny();
                return ValueTask.FromResult(HttpResult.Created(item, TestJson.Default.Item));
            })
            .Map("GET /big", _ => ValueTask.FromResult(HttpResult.Ok(new Item { Id = new string('z', 5000) }, TestJson.Default.Item)))
            .Map("GET /boom", _ => throw new InvalidOperationException("secret connection string"))
            .Map("GET /unwritable", _ => ValueTask.FromResult(new HttpResult(200, new ThrowingBody())))
            .Map("GET /public", _ => ValueTask.FromResult(HttpResult.NoContent()), anonymous: true);
        _function = new HttpFunction(router, _log.Logger);
    }

    [Fact]
    public async Task HandleAsync_MatchingRoute_ReturnsJsonWithETag()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/42", sub: "alice"));

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal("\"3\"", response.Header("etag"));
        Assert.Equal("42", response.Json.GetProperty("id").GetString());
        Assert.Equal("alice", response.Json.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task HandleAsync_UnknownRoute_Returns404Problem()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/nope"));

        AssertProblem(response, 404);
    }

    [Fact]
    public async Task HandleAsync_WrongMethod_Returns405WithAllow()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("DELETE", "/items/1"));

        AssertProblem(response, 405);
        Assert.Equal("GET", response.Header("allow"));
    }

    [Fact]
    public async Task HandleAsync_NoSubClaim_Returns401()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/1", sub: null));

        AssertProblem(response, 401);
    }

    [Fact]
    public async Task HandleAsync_AnonymousRouteWithoutSub_Runs()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/public", sub: null));

        Assert.Equal(204, response.Status);
    }

    [Fact]
    public async Task HandleAsync_MalformedJson_Returns400NamingTheBody()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: "{\"id\":"));

        AssertProblem(response, 400);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task HandleAsync_WrongJsonType_Returns400NamingTheField()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: "{\"id\":\"a\",\"count\":\"many\"}"));

        AssertProblem(response, 400);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("count", out _));
    }

    [Fact]
    public async Task HandleAsync_SeveralInvalidFields_NamesEveryOne()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: "{\"count\":-1}"));

        AssertProblem(response, 400);
        var errors = response.Json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("count", out _));
        Assert.True(errors.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task HandleAsync_Base64Body_IsDecoded()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: "{\"id\":\"b64\"}", base64: true));

        Assert.Equal(201, response.Status);
        Assert.Equal("b64", response.Json.GetProperty("id").GetString());
    }

    [Fact]
    public async Task HandleAsync_WrongContentType_Returns415()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(
            "POST", "/items", body: "id=1", headers: new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" }));

        AssertProblem(response, 415);
    }

    [Fact]
    public async Task HandleAsync_BodyOverLimit_Returns413()
    {
        var body = "{\"id\":\"" + new string('a', HttpRequestContext.MaxBodyBytes) + "\"}";

        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: body));

        AssertProblem(response, 413);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrows_Returns500WithRequestIdOnlyAndLogsError()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/boom"));

        AssertProblem(response, 500);
        Assert.StartsWith("req-", response.Json.GetProperty("requestId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.Body, StringComparison.Ordinal);
        var error = Assert.Single(_log.Lines, line => line.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal)); // one line per failure
        Assert.Contains("secret", error, StringComparison.Ordinal);
        Assert.Contains("/boom", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_IfNoneMatchCurrent_Returns304WithoutBody()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(
            "GET", "/items/1", headers: new Dictionary<string, string> { ["if-none-match"] = "\"3\"" }));

        Assert.Equal(304, response.Status);
        Assert.Equal(string.Empty, response.Body);
        Assert.Equal("\"3\"", response.Header("etag"));
    }

    [Fact]
    public async Task HandleAsync_LargeBodyAndGzipAccepted_CompressesAsBase64()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request(
            "GET", "/big", headers: new Dictionary<string, string> { ["accept-encoding"] = "br, gzip" }));

        Assert.Equal(200, response.Status);
        Assert.True(response.Raw.IsBase64Encoded);
        Assert.Equal("gzip", response.Header("content-encoding"));
        Assert.Equal(5000, response.Json.GetProperty("id").GetString()!.Length);
    }

    [Fact]
    public async Task HandleAsync_LargeBodyWithoutGzip_IsPlainText()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/big"));

        Assert.False(response.Raw.IsBase64Encoded);
        Assert.Null(response.Header("content-encoding"));
    }

    [Fact]
    public async Task HandleAsync_AnyRequest_WritesOneJsonLogLineWithRouteStatusAndDuration()
    {
        await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/9"));

        var line = Assert.Single(_log.Lines, l => l.Contains("\"route\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        foreach (var key in new[] { "timestamp", "level", "message", "service", "requestId", "traceId", "coldStart", "route", "status", "durationMs" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key} in {line}");
        }

        Assert.Equal("GET /items/{id}", root.GetProperty("route").GetString());
        Assert.Equal(200, root.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task HandleAsync_ColdStart_EmitsEmfColdStartMetric()
    {
        await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/9"), coldStart: true);
        await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/9"), coldStart: false);

        var emf = Assert.Single(_log.Lines, l => l.Contains("\"_aws\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(emf);
        Assert.Equal(1, json.RootElement.GetProperty("ColdStart").GetInt32());
        Assert.Equal("ColdStart", json.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task HandleAsync_DynamoDbStillThrottlingAfterRetries_Returns503WithRetryAfter()
    {
        var router = new Router().Map("GET /slow", _ => throw new Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException("throttled"));
        var function = new HttpFunction(router, _log.Logger);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/slow"));

        AssertProblem(response, 503);
        Assert.Equal("1", response.Header("retry-after"));
    }

    [Fact]
    public async Task HandleAsync_StoreLeftPartOfABatchUndone_Returns503WithRetryAfter()
    {
        var router = new Router().Map("GET /partial", _ => throw new GymCoach.Data.StoreBusyException("Some items could not be read; retry shortly."));
        var function = new HttpFunction(router, _log.Logger);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/partial"));

        AssertProblem(response, 503);
        Assert.Equal("1", response.Header("retry-after"));
    }

    [Fact]
    public async Task HandleAsync_RouteRecordsAMetric_OneEmfDocumentCarriesItWithTheColdStart()
    {
        var router = new Router().Map("GET /counted", request =>
        {
            request.Metrics!.Add("ThingsCounted", 3);
            request.Metrics.Add("ThingsCounted", 2);
            return ValueTask.FromResult(HttpResult.NoContent());
        });
        var function = new HttpFunction(router, _log.Logger);

        await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/counted"), coldStart: true);

        var emf = Assert.Single(_log.Lines, l => l.Contains("\"_aws\"", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(emf);
        Assert.Equal(1, document.RootElement.GetProperty("ColdStart").GetDouble());
        Assert.Equal(5, document.RootElement.GetProperty("ThingsCounted").GetDouble());
    }

    [Fact]
    public async Task HandleAsync_DomainExceptions_AreMappedInOnePlace()
    {
        var router = new Router()
            .Map("GET /missing", _ => throw new NotFoundException("gone"))
            .Map("GET /taken", _ => throw new ConflictException("taken"))
            .Map("GET /readonly", _ => throw new ForbiddenException("library entries are read-only"))
            .Map("GET /invalid", _ => throw InvalidInputException.For("name", "Is required."));
        var function = new HttpFunction(router, _log.Logger);

        AssertProblem(await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/missing")), 404);
        AssertProblem(await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/taken")), 409);
        AssertProblem(await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/readonly")), 403);
        var invalid = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/invalid"));
        AssertProblem(invalid, 400);
        Assert.Equal("Is required.", invalid.Json.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(129)]
    public async Task HandleAsync_OverlongSubject_Returns401(int length)
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/1", sub: new string('a', length)));

        AssertProblem(response, 401);
    }

    [Theory]
    [InlineData("alice#PROFILE")]
    [InlineData("USER#bob")]
    [InlineData("../bob")]
    [InlineData("a/b")]
    [InlineData("alice\nbob")]
    [InlineData("al ice")]
    [InlineData("ålice")]
    public async Task HandleAsync_SubjectThatCouldFormAnotherKey_Returns401(string sub)
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/1", sub: sub));

        AssertProblem(response, 401);
    }

    [Theory]
    [InlineData("8f5c2b8e-1d7a-4c55-9a3e-0b1f2d3c4e5f")]
    [InlineData("Google_1234567890")]
    [InlineData("auth0|abc.def")]
    public async Task HandleAsync_RealWorldSubjects_AreAccepted(string sub)
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/items/1", sub: sub));

        Assert.Equal(200, response.Status);
        Assert.Equal(sub, response.Json.GetProperty("owner").GetString());
    }

    [Fact]
    public async Task HandleAsync_UnknownFields_Returns400NamingEachAtAnyDepth()
    {
        var body = """{"id":"a","count":1,"heightCM":3,"parts":[{"name":"x"},{"name":"y","colour":"red"}],"extra":{"deep":1}}""";

        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: body));

        AssertProblem(response, 400);
        var errors = response.Json.GetProperty("errors");
        Assert.Equal(["extra", "heightCM", "parts[1].colour"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"\ud800":1}""")]
    [InlineData("""{"id":"a","parts":[{"\udfff":1}]}""")]
    [InlineData("""{"id":"\ud800"}""")]
    [InlineData("""{"id":"a\udc00b","parts":[]}""")]
    [InlineData("""{"id":"a","parts":[{"name":"\ud83d\u0041"}]}""")]
    public async Task HandleAsync_UnpairedSurrogateEscapeInANameOrString_Returns400(string body)
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: body));

        AssertProblem(response, 400);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("body", out _), response.Body);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_PairedSurrogateEscapes_AreText()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: """{"id":"\ud83d\udcaa","parts":[{"name":"x"}]}"""));

        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task HandleAsync_KnownFieldsOnly_IsAccepted()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("POST", "/items", body: """{"id":"a","parts":[{"name":"x"}]}"""));

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task HandleAsync_UnreadableEvent_AnswersA500ProblemWithTheRequestIdAndLogsOneError(string payload)
    {
        var buffer = new GymCoach.Lambda.Runtime.ReusableBuffer();
        var context = new GymCoach.Lambda.Runtime.InvocationContext("req-unreadable", DateTimeOffset.UtcNow.AddSeconds(30), null, null, false, default);

        await _function.HandleAsync(System.Text.Encoding.UTF8.GetBytes(payload), buffer, context);
        var response = TestResponse.Parse(buffer.WrittenSpan);

        AssertProblem(response, 500);
        Assert.Equal("req-unreadable", response.Json.GetProperty("requestId").GetString());
        var error = Assert.Single(_log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal)); // one line for the failure, carrying its cause
        Assert.Contains("Unreadable HTTP API event", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ResponseThatCannotBeWritten_AnswersA500ProblemAndLogsOneError()
    {
        var response = await FunctionInvoker.InvokeAsync(_function, ApiEvents.Request("GET", "/unwritable"));

        AssertProblem(response, 500);
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("requestId").GetString()));
        var error = Assert.Single(_log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal));
        Assert.Contains("Writing the 200 response", error, StringComparison.Ordinal);
    }

    private static void AssertProblem(TestResponse response, int status)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Header("content-type"));
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("title").GetString()));
        Assert.StartsWith("https://", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}

public sealed class Item
{
    public string? Id { get; set; }

    public string? Owner { get; set; }

    public int? Count { get; set; }

    public List<ItemPart>? Parts { get; set; }
}

/// <summary>A body whose serialization fails, as a bug in a converter would.</summary>
internal sealed class ThrowingBody : ResponseBody
{
    public override void WriteTo(Utf8JsonWriter writer) => throw new InvalidOperationException("cannot serialize");
}

public sealed class ItemPart
{
    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Item))]
internal sealed partial class TestJson : JsonSerializerContext;
