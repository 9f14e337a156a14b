using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GymCoach.Local.Tests.Emulation;

[Collection(LocalStackCollection.Name)]
public sealed class EmulationTests(LocalStackFixture local)
{
    [Fact]
    public async Task ParallelRequests_NoIdleInstance_EachStartsItsOwnInstance()
    {
        await WaitForNoInstancesAsync();
        var coldBefore = local.CountReports("ProbeFunction", coldOnly: true);
        const int parallel = 3;

        var responses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/sleep/800"))));
        var pids = new HashSet<int>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetInt32());
            response.Dispose();
        }

        Assert.Equal(parallel, pids.Count);
        Assert.Equal(coldBefore + parallel, local.CountReports("ProbeFunction", coldOnly: true));
    }

    [Fact]
    public async Task WarmInstance_SecondRequest_IsNotAColdStart()
    {
        using var first = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));
        var cold = local.CountReports("ProbeFunction", coldOnly: true);
        var all = local.CountReports("ProbeFunction", coldOnly: false);

        using var second = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));

        Assert.Equal(cold, local.CountReports("ProbeFunction", coldOnly: true));
        Assert.Equal(all + 1, local.CountReports("ProbeFunction", coldOnly: false));
        var report = local.Lines.Last(l => l.StartsWith("[ProbeFunction] REPORT", StringComparison.Ordinal));
        Assert.Matches(@"Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: [1-9]\d* MB", report);
    }

    [Fact]
    public async Task Invoke_PastTheTimeout_Returns504AndReplacesTheInstance()
    {
        using var slow = await local.Http.SendAsync(local.Request(HttpMethod.Get, $"/probe/sleep/{(LocalStackFixture.ProbeTimeoutSeconds + 3) * 1000}"));
        using var next = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains(local.Lines, l => l.Contains("Task timed out after 2.00 seconds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_InstanceCrashes_Returns502AndReplacesIt()
    {
        using var crash = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/crash"));
        using var next = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));

        Assert.Equal(HttpStatusCode.BadGateway, crash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Invoke_BeyondReservedConcurrency_Returns429()
    {
        var requests = Enumerable.Range(0, LocalStackFixture.ProbeConcurrency + 2)
            .Select(_ => local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/sleep/800")))
            .ToList();
        var responses = await Task.WhenAll(requests);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= LocalStackFixture.ProbeConcurrency, string.Join(",", statuses));
        Assert.True(local.Stack.Functions["ProbeFunction"].InstanceCount <= LocalStackFixture.ProbeConcurrency);
    }

    [Fact]
    public async Task IdleInstances_StopAfterTheIdleTimeout()
    {
        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));
        var pids = local.Stack.Functions["ProbeFunction"].ProcessIds;
        Assert.NotEmpty(pids);

        await WaitForNoInstancesAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (pids.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} still running"));
    }

    private async Task WaitForNoInstancesAsync()
    {
        var pool = local.Stack.Functions["ProbeFunction"];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (pool.InstanceCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, pool.InstanceCount);
    }
}
