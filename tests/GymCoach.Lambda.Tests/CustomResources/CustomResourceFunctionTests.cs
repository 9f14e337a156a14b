using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using GymCoach.Lambda.CustomResources;
using GymCoach.Lambda.Runtime;
using GymCoach.LocalInfra;
using GymCoach.TestSupport;

namespace GymCoach.Lambda.Tests.CustomResources;

/// <summary>The CloudFormation custom-resource protocol against a local HTTP endpoint standing in for the pre-signed ResponseURL.</summary>
public sealed class CustomResourceFunctionTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Method, string? ContentType, string Body)> _answers = new();
    private readonly string _url;
    private readonly CapturingLogger _log = new();

    public CustomResourceFunctionTests()
    {
        var port = FreePort.Next();
        _url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Update")]
    public async Task HandleAsync_CreateOrUpdateSucceeds_PutsSuccessWithTheResultToTheResponseUrl(string requestType)
    {
        var handler = new Handler { Apply = _ => new CustomResourceResult("exercise-library", "Seeded 150 exercises", new Dictionary<string, string> { ["Count"] = "150" }) };

        await InvokeAsync(new CustomResourceFunction(handler, logger: _log.Logger), Event(requestType));

        var (method, contentType, body) = await AnswerAsync();
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("PUT", method);
        Assert.Null(contentType); // the URL is pre-signed for an empty Content-Type
        Assert.Equal("SUCCESS", answer.RootElement.GetProperty("Status").GetString());
        Assert.Equal("exercise-library", answer.RootElement.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal("Seeded 150 exercises", answer.RootElement.GetProperty("Reason").GetString());
        Assert.Equal("150", answer.RootElement.GetProperty("Data").GetProperty("Count").GetString());
        Assert.Equal("req-1", answer.RootElement.GetProperty("RequestId").GetString());
        Assert.Equal("LibrarySeed", answer.RootElement.GetProperty("LogicalResourceId").GetString());
        Assert.StartsWith("arn:aws:cloudformation:", answer.RootElement.GetProperty("StackId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrows_StillAnswersFailedWithTheReason()
    {
        var handler = new Handler { Apply = _ => throw new InvalidOperationException("table not found") };

        await InvokeAsync(new CustomResourceFunction(handler, logger: _log.Logger), Event("Create"));

        using var answer = JsonDocument.Parse((await AnswerAsync()).Body);
        Assert.Equal("FAILED", answer.RootElement.GetProperty("Status").GetString());
        Assert.Contains("table not found", answer.RootElement.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal) && l.Contains("table not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_WorkOutlivesTheDeadline_AnswersFailedBeforeTheDeadline()
    {
        var handler = new Handler { ApplyAsync = async (_, token) => { await Task.Delay(Timeout.Infinite, token); return null!; } };

        // 4 s left, the work stopped 1.5 s before the deadline (as LambdaHost's margin would): the FAILED answer must be
        // PUT after the work was given up and before the deadline. The slack is wide because this machine's test
        // assemblies run in parallel on 2 cores, and a 0.5 s slack was once overrun by scheduling alone.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await InvokeAsync(new CustomResourceFunction(handler, logger: _log.Logger), Event("Create"), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1.5));
        var answered = clock.Elapsed;

        using var answer = JsonDocument.Parse((await AnswerAsync()).Body);
        Assert.Equal("FAILED", answer.RootElement.GetProperty("Status").GetString());
        Assert.True(answered >= TimeSpan.FromSeconds(2.4), $"gave up after {answered}, before the work time ran out");
        Assert.True(answered < TimeSpan.FromSeconds(4), $"answered after {answered}, past the deadline");
    }

    [Fact]
    public async Task HandleAsync_Delete_CallsDeleteAndKeepsThePhysicalId()
    {
        var deleted = false;
        var handler = new Handler { Delete = request => { deleted = true; return new CustomResourceResult(request.PhysicalResourceId!, "Nothing to remove"); } };

        await InvokeAsync(new CustomResourceFunction(handler, logger: _log.Logger), Event("Delete", physicalId: "exercise-library"));

        using var answer = JsonDocument.Parse((await AnswerAsync()).Body);
        Assert.True(deleted);
        Assert.Equal("SUCCESS", answer.RootElement.GetProperty("Status").GetString());
        Assert.Equal("exercise-library", answer.RootElement.GetProperty("PhysicalResourceId").GetString());
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }

    private string Event(string requestType, string? physicalId = null)
    {
        var physical = physicalId is null ? string.Empty : $",\"PhysicalResourceId\":\"{physicalId}\"";
        return $$$"""
            {"RequestType":"{{{requestType}}}","ServiceToken":"arn:aws:lambda:eu-west-1:123456789012:function:seeder",
             "ResponseURL":"{{{_url}}}cfn/response?X-Amz-Signature=example","StackId":"arn:aws:cloudformation:eu-west-1:123456789012:stack/gymcoach-test/1",
             "RequestId":"req-1","ResourceType":"Custom::ExerciseLibrary","LogicalResourceId":"LibrarySeed"{{{physical}}},
             "ResourceProperties":{"ServiceToken":"arn","ContentVersion":"abc"}}
            """;
    }

    private static async Task InvokeAsync(CustomResourceFunction function, string json, TimeSpan? timeout = null, TimeSpan? margin = null)
    {
        var remaining = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(DeadlineBudget.WorkTime(remaining, margin ?? TimeSpan.FromMilliseconds(500)));
        var context = new InvocationContext("req-cfn", DateTimeOffset.UtcNow + remaining, null, null, false, cts.Token);
        await function.HandleAsync(Encoding.UTF8.GetBytes(json), new ReusableBuffer(), context);
    }

    private async Task<(string Method, string? ContentType, string Body)> AnswerAsync()
    {
        for (var i = 0; i < 100 && _answers.IsEmpty; i++)
        {
            await Task.Delay(20);
        }

        Assert.True(_answers.TryDequeue(out var answer), "nothing was PUT to the ResponseURL");
        return answer;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            _answers.Enqueue((context.Request.HttpMethod, context.Request.ContentType, await reader.ReadToEndAsync()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private sealed class Handler : ICustomResourceHandler
    {
        public Func<CustomResourceRequest, CustomResourceResult>? Apply { get; init; }

        public Func<CustomResourceRequest, CancellationToken, Task<CustomResourceResult>>? ApplyAsync { get; init; }

        public Func<CustomResourceRequest, CustomResourceResult>? Delete { get; init; }

        Task<CustomResourceResult> ICustomResourceHandler.ApplyAsync(CustomResourceRequest request, CancellationToken cancellationToken) =>
            ApplyAsync is { } async ? async(request, cancellationToken) : Task.FromResult(Apply!(request));

        Task<CustomResourceResult> ICustomResourceHandler.DeleteAsync(CustomResourceRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(Delete!(request));
    }
}
