using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Limits;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GymCoach.Lambda.Tests.Http;

/// <summary>The per-account limit as the HTTP function applies it: a 429 problem with Retry-After, before the handler runs.</summary>
public sealed class HttpFunctionLimitTests
{
    private readonly IAmazonDynamoDB _client = Substitute.For<IAmazonDynamoDB>();
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_004));
    private int _handled;

    private HttpFunction Function()
    {
        // Two writes in 10 s (leases of one): the third finds the window spent.
        _client.UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>()).Returns(
            _ => new UpdateItemResponse(),
            _ => new UpdateItemResponse(),
            _ => throw new ConditionalCheckFailedException("spent") { Item = new() { ["used"] = new AttributeValue { N = "2" } } });
        var router = new Router()
            .Map("POST /things", _ => { _handled++; return ValueTask.FromResult(HttpResult.NoContent()); })
            .Map("GET /public", _ => ValueTask.FromResult(HttpResult.NoContent()), anonymous: true);
        var limits = new RateLimits(new RateLimit(100, TimeSpan.FromSeconds(10)), new RateLimit(2, TimeSpan.FromSeconds(10)));
        return new HttpFunction(router, new CapturingLogger().Logger).LimitPerUser(new UserRateLimiter(_client, "table", limits, _clock));
    }

    [Fact]
    public async Task Invoke_PastTheAccountsWriteLimit_Answers429WithRetryAfterWithoutRunningTheHandler()
    {
        var function = Function();
        var first = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("POST", "/things", "alice"));
        var second = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("POST", "/things", "alice"));

        var third = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("POST", "/things", "alice"));

        Assert.Equal(204, first.Status);
        Assert.Equal(204, second.Status);
        Assert.Equal(429, third.Status);
        Assert.Equal("application/problem+json", third.Header("content-type"));
        Assert.Equal("https://api.gymcoach.app/problems/rate-limited", third.Json.GetProperty("type").GetString());
        Assert.Equal("6", third.Header("retry-after")); // the window ends 6 s after the clock's 4th second
        Assert.Equal(2, _handled);
    }

    [Fact]
    public async Task Invoke_AnonymousRoute_IsNotCounted()
    {
        var function = Function();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(204, (await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("GET", "/public", null))).Status);
        }

        await _client.DidNotReceive().UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Invoke_LimiterCannotReachItsCounter_LetsTheRequestThroughAndLogsAnError()
    {
        var log = new CapturingLogger();
        var client = Substitute.For<IAmazonDynamoDB>();
        client.UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonDynamoDBException("User is not authorized to perform: dynamodb:UpdateItem") { StatusCode = System.Net.HttpStatusCode.BadRequest });
        var router = new Router().Map("POST /things", _ => ValueTask.FromResult(HttpResult.NoContent()));
        var function = new HttpFunction(router, log.Logger).LimitPerUser(new UserRateLimiter(client, "table", RateLimits.Default, _clock));

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("POST", "/things", "alice"));

        Assert.Equal(204, response.Status);
        Assert.Contains(log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal) && l.Contains("rate limiter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_StoreConnectionResetPastTheRetries_Answers503WithRetryAfterNot500()
    {
        var router = new Router().Map("POST /things", _ => throw new HttpRequestException("Connection reset by peer"));
        var function = new HttpFunction(router, new CapturingLogger().Logger);

        var response = await FunctionInvoker.InvokeAsync(function, ApiEvents.Request("POST", "/things", "alice"));

        Assert.Equal(503, response.Status);
        Assert.Equal("1", response.Header("retry-after"));
    }
}
