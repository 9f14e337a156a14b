using System.Text;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Runtime;
using GymCoach.TestSupport;

namespace GymCoach.Lambda.Tests.Http;

/// <summary>No answer passes Lambda's 6 MB: a page too big is asked again with half the limit; anything else is a clear 500.</summary>
public sealed class HttpFunctionResponseSizeTests
{
    private const int ItemBytes = 200 * 1024;

    private static readonly RouteSpec Things = new("GET /things", "ListThings")
    {
        Query = [new("limit", "integer", "Page size.")],
    };

    private readonly List<int> _limitsAsked = [];

    private HttpFunction Function(CapturingLogger log)
    {
        var router = new Router();
        router.Map(Things, request =>
        {
            var errors = new GymCoach.Lambda.Errors.ValidationErrors();
            var limit = QueryParameters.Limit(request, errors);
            _limitsAsked.Add(limit);

            // limit items of 200 KiB each: 100 of them are 20 MB.
            var json = new StringBuilder("{\"items\":[");
            json.AppendJoin(',', Enumerable.Range(0, limit).Select(i => "\"" + new string((char)('a' + i % 26), ItemBytes) + "\""));
            json.Append("],\"count\":").Append(limit).Append('}');
            return ValueTask.FromResult(new HttpResult(200, new RawJsonResponseBody(Encoding.UTF8.GetBytes(json.ToString()))));
        });
        router.Map("GET /blob", _ => ValueTask.FromResult(new HttpResult(200, new RawJsonResponseBody(Encoding.UTF8.GetBytes("\"" + new string('x', 7 * 1024 * 1024) + "\"")))));
        return new HttpFunction(router, log.Logger);
    }

    [Fact]
    public async Task Invoke_PageOverSixMegabytes_AnswersASmallerPageUnderTheLimit()
    {
        var log = new CapturingLogger();
        var function = Function(log);
        var buffer = new ReusableBuffer();

        await function.HandleAsync(ApiEvents.Serialize(ApiEvents.Request("GET", "/things", "alice", query: new Dictionary<string, string> { ["limit"] = "100" })), buffer, Context());
        var response = TestResponse.Parse(buffer.WrittenSpan);

        Assert.Equal(200, response.Status);
        Assert.InRange(buffer.WrittenCount, 1, HttpFunction.MaxResponseBytes);
        Assert.Equal([100, 50, 25], _limitsAsked);
        Assert.Equal(25, response.Json.GetProperty("count").GetInt32());
        Assert.Contains(log.Lines, l => l.Contains("PagesShrunk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_SingleAnswerOverSixMegabytes_Answers500ProblemNotAnOversizedPayload()
    {
        var log = new CapturingLogger();
        var buffer = new ReusableBuffer();

        await Function(log).HandleAsync(ApiEvents.Serialize(ApiEvents.Request("GET", "/blob", "alice")), buffer, Context());
        var response = TestResponse.Parse(buffer.WrittenSpan);

        Assert.Equal(500, response.Status);
        Assert.True(buffer.WrittenCount < 4096, $"{buffer.WrittenCount} bytes");
        Assert.Contains(log.Lines, l => l.Contains("would pass Lambda", StringComparison.Ordinal));
    }

    private static InvocationContext Context() => new("req-1", DateTimeOffset.UtcNow.AddSeconds(10), "arn:aws:lambda:local", "Root=1-x", false, CancellationToken.None);
}
