using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;
using NSubstitute;

namespace GymCoach.Lambda.Tests.Http;

/// <summary>The account-deletion fence in the HTTP function: which routes it holds back, and when it reads.</summary>
public sealed class HttpFunctionFenceTests
{
    private readonly CapturingLogger _log = new();
    private readonly IAmazonDynamoDB _client = Substitute.For<IAmazonDynamoDB>();
    private int _handled;

    private HttpFunction Function(bool deleting)
    {
        _client.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>())
            .Returns(new GetItemResponse { Item = deleting ? new() { ["PK"] = new AttributeValue { S = "USER#alice" } } : null });
        var router = new Router()
            .Map("GET /things", _ => Handled(HttpResult.Ok(new Item { Id = "secret" }, TestJson.Default.Item)))
            .Map("POST /things", _ => Handled(HttpResult.NoContent()))
            .Map(new RouteSpec("GET /account/deletion", "GetDeletion") { DuringDeletion = true }, _ => Handled(HttpResult.NoContent()));
        return new HttpFunction(router, _log.Logger, new AccountFence(_client, "table"));
    }

    private ValueTask<HttpResult> Handled(HttpResult result)
    {
        Interlocked.Increment(ref _handled);
        return ValueTask.FromResult(result);
    }

    [Fact]
    public async Task Invoke_WriteWhileDeleting_Answers409WithoutRunningTheHandler()
    {
        var response = await FunctionInvoker.InvokeAsync(Function(deleting: true), ApiEvents.Request("POST", "/things", "alice"));

        Assert.Equal(409, response.Status);
        Assert.Equal("https://api.gymcoach.app/problems/account-deleting", response.Json.GetProperty("type").GetString());
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task Invoke_ReadWhileDeleting_DropsTheHandlersAnswer()
    {
        var response = await FunctionInvoker.InvokeAsync(Function(deleting: true), ApiEvents.Request("GET", "/things", "alice"));

        Assert.Equal(409, response.Status);
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DeletionsOwnRouteWhileDeleting_AnswersWithoutReadingTheFence()
    {
        var response = await FunctionInvoker.InvokeAsync(Function(deleting: true), ApiEvents.Request("GET", "/account/deletion", "alice"));

        Assert.Equal(204, response.Status);
        await _client.DidNotReceive().GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Invoke_NotDeleting_ReadsTheDeletionItemConsistentlyAndAnswers()
    {
        var response = await FunctionInvoker.InvokeAsync(Function(deleting: false), ApiEvents.Request("GET", "/things", "alice"));

        Assert.Equal(200, response.Status);
        await _client.Received(1).GetItemAsync(
            Arg.Is<GetItemRequest>(r => r.ConsistentRead == true && r.Key["PK"].S == "USER#alice" && r.Key["SK"].S == "DELETION"),
            Arg.Any<CancellationToken>());
    }
}
