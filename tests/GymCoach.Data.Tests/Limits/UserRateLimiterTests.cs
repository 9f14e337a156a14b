using GymCoach.Data.Limits;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Limits;

/// <summary>The per-account limiter against DynamoDB Local: shared between instances, local while it can be.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class UserRateLimiterTests(DynamoDbFixture dynamo)
{
    private static readonly RateLimits Limits = new(new RateLimit(20, TimeSpan.FromSeconds(10)), new RateLimit(10, TimeSpan.FromSeconds(10)));

    // Just after a window starts, so a test's requests all fall into one window.
    private static ManualClock Clock() => new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    private static async Task<int> AllowedAsync(UserRateLimiter limiter, string user, int requests, bool write = true)
    {
        var allowed = 0;
        for (var i = 0; i < requests; i++)
        {
            allowed += (await limiter.AcquireAsync(user, write, default)).Allowed ? 1 : 0;
        }

        return allowed;
    }

    [Fact]
    public async Task AcquireAsync_OneInstanceOverTheLimit_AllowsExactlyTheLimitThenAnswersTheWindowsEnd()
    {
        var table = await dynamo.CreateTableAsync();
        var clock = Clock();
        var limiter = new UserRateLimiter(dynamo.Client, table, Limits, clock);
        clock.Advance(TimeSpan.FromSeconds(3));

        var allowed = await AllowedAsync(limiter, "ada", 25);
        var refused = await limiter.AcquireAsync("ada", write: true, default);

        Assert.Equal(10, allowed);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.RetryAfter);
        Assert.Equal(20, await AllowedAsync(limiter, "ada", 25, write: false)); // reads are counted apart
        Assert.Equal(10, await AllowedAsync(limiter, "bob", 25)); // and every account apart
    }

    [Fact]
    public async Task AcquireAsync_ThreeInstances_ShareOneLimitBetweenThem()
    {
        var table = await dynamo.CreateTableAsync();
        var clock = Clock();
        var instances = Enumerable.Range(0, 3).Select(_ => new UserRateLimiter(dynamo.Client, table, Limits, clock)).ToList();

        var allowed = 0;
        for (var i = 0; i < 30; i++)
        {
            allowed += (await instances[i % 3].AcquireAsync("ada", write: true, default)).Allowed ? 1 : 0;
        }

        Assert.Equal(10, allowed);
    }

    [Fact]
    public async Task AcquireAsync_NextWindow_AllowsAgain()
    {
        var table = await dynamo.CreateTableAsync();
        var clock = Clock();
        var limiter = new UserRateLimiter(dynamo.Client, table, Limits, clock);
        Assert.Equal(10, await AllowedAsync(limiter, "ada", 12));

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(10, await AllowedAsync(limiter, "ada", 12));
    }

    [Fact]
    public async Task AcquireAsync_WarmAndAtTheLimit_LeasesGrowToATenthAndRefusalsCostNothing()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults);
        var limiter = new UserRateLimiter(client, table, new RateLimits(Limits.Reads, new RateLimit(50, TimeSpan.FromSeconds(10))), Clock());

        var allowed = await AllowedAsync(limiter, "ada", 200);

        Assert.Equal(50, allowed);

        // Leases of 1, 2, 4, then 5 (a tenth) eight times: 47; the next 5 is refused and the last 3 taken instead;
        // one more finds the window spent. The 150 refusals after it cost nothing.
        Assert.Equal(3 + 8 + 2 + 1, faults.Forwarded.GetValueOrDefault("UpdateItem"));
        Assert.Equal(faults.Forwarded.GetValueOrDefault("UpdateItem"), faults.Forwarded.Values.Sum());
    }

    [Fact]
    public async Task AcquireAsync_EachOfManyInstancesServingOneRequest_LeasesOnlyWhatItUses()
    {
        var table = await dynamo.CreateTableAsync();
        var clock = Clock();
        var reads = new RateLimits(new RateLimit(20, TimeSpan.FromSeconds(10)), Limits.Writes);

        // Lambda sends one account's requests to whichever instance is free: twenty instances, one read each.
        var allowed = 0;
        for (var i = 0; i < 20; i++)
        {
            allowed += (await new UserRateLimiter(dynamo.Client, table, reads, clock).AcquireAsync("ada", write: false, default)).Allowed ? 1 : 0;
        }

        var twentyFirst = await new UserRateLimiter(dynamo.Client, table, reads, clock).AcquireAsync("ada", write: false, default);

        Assert.Equal(20, allowed);
        Assert.False(twentyFirst.Allowed);
    }
}
