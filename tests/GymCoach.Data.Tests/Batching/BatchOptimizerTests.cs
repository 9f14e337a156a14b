using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Batching;

[Collection(DynamoDbCollection.Name)]
public sealed class BatchOptimizerTests(DynamoDbFixture dynamo)
{
    private static readonly BatchOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 20, RetryBudget = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task WriteThenGet_1000Items_UseTheFewestRequests()
    {
        var table = await dynamo.CreateTableAsync();
        var optimizer = new BatchOptimizer(dynamo.Client, table, Fast);

        var written = await optimizer.WriteAsync(Items("bulk", 1000));
        var read = await optimizer.GetAsync(Keys("bulk", 1000));

        Assert.True(written.AllWritten);
        Assert.Equal(1000, written.Written);
        Assert.Equal(40, written.Statistics.Requests);
        Assert.Equal(1000, read.Items.Count);
        Assert.Empty(read.Missing);
        Assert.Empty(read.Failed);
        Assert.Equal(10, read.Statistics.Requests);
        Assert.Equal("7", read.Items[new ItemKey("USER#bulk", "ITEM#0007")]["n"].N);
    }

    [Fact]
    public async Task WriteAsync_TwoWritesToOneKey_LastOneWins()
    {
        var table = await dynamo.CreateTableAsync();
        var optimizer = new BatchOptimizer(dynamo.Client, table, Fast);
        var first = Item("dup", 1, value: 1);
        var second = Item("dup", 1, value: 2);

        var result = await optimizer.WriteAsync([WriteOperation.Put(first), WriteOperation.Put(second)]);
        var read = await optimizer.GetAsync([new ItemKey("USER#dup", "ITEM#0001")]);

        Assert.Equal(1, result.Written);
        Assert.Equal("2", read.Items.Single().Value["n"].N);
    }

    [Fact]
    public async Task GetAsync_DuplicateAndAbsentKeys_AreEachAccountedForOnce()
    {
        var table = await dynamo.CreateTableAsync();
        var optimizer = new BatchOptimizer(dynamo.Client, table, Fast);
        await optimizer.WriteAsync(Items("mix", 3));
        var absent = new ItemKey("USER#mix", "ITEM#9999");

        var read = await optimizer.GetAsync([.. Keys("mix", 3), .. Keys("mix", 3), absent]);

        Assert.Equal(3, read.Items.Count);
        Assert.Equal([absent], read.Missing);
        Assert.Equal(4, read.Statistics.Items);
    }

    [Fact]
    public async Task WriteAsync_UnprocessedItems_RetriesUntilEveryItemIsWrittenExactlyOnce()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler { UnprocessedFraction = 0.3 };
        using var client = dynamo.CreateFaultyClient(faults);
        var optimizer = new BatchOptimizer(client, table, Fast);

        var result = await optimizer.WriteAsync(Items("flaky", 500));
        var check = await new BatchOptimizer(dynamo.Client, table, Fast).GetAsync(Keys("flaky", 500));

        Assert.True(result.AllWritten);
        Assert.True(result.Statistics.Retries > 0);
        Assert.Equal(500, check.Items.Count);
        Assert.Equal(500, faults.WritesReceived.Count);
        Assert.All(faults.WritesReceived.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task GetAsync_UnprocessedKeys_RetriesUntilEveryKeyIsRead()
    {
        var table = await dynamo.CreateTableAsync();
        await new BatchOptimizer(dynamo.Client, table, Fast).WriteAsync(Items("partial", 300));
        var faults = new FaultInjectingHandler { UnprocessedFraction = 0.5 };
        using var client = dynamo.CreateFaultyClient(faults);

        var read = await new BatchOptimizer(client, table, Fast).GetAsync(Keys("partial", 300));

        Assert.Equal(300, read.Items.Count);
        Assert.Empty(read.Failed);
        Assert.True(read.Statistics.Retries > 0);
    }

    [Fact]
    public async Task WriteAsync_AlwaysUnprocessed_ReturnsEveryItemAsFailedAfterTheBudget()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler { UnprocessedFraction = 1.0 };
        using var client = dynamo.CreateFaultyClient(faults);
        var optimizer = new BatchOptimizer(client, table, Fast with { MaxRetries = 3 });

        var result = await optimizer.WriteAsync(Items("stuck", 60));

        Assert.Equal(0, result.Written);
        Assert.Equal(60, result.Failed.Count);
        Assert.Equal(60, result.Failed.Distinct().Count());
        Assert.Equal(3 * 4, result.Statistics.Requests);
    }

    [Fact]
    public async Task WriteAsync_ThrottledUntilBudgetEnds_ReportsItemsFailedNotLost()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler { ThrottleAll = true };
        using var client = dynamo.CreateFaultyClient(faults);
        var optimizer = new BatchOptimizer(client, table, Fast with { MaxRetries = 2 });

        var result = await optimizer.WriteAsync(Items("throttled", 30));

        Assert.Equal(30, result.Failed.Count);
        Assert.Equal(0, result.Written);
        Assert.Empty(faults.WritesReceived);
    }

    [Fact]
    public async Task WriteAsync_ServerErrorsThenRecovery_WritesEverything()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler();
        faults.FailNext(2);
        using var client = dynamo.CreateFaultyClient(faults);

        var result = await new BatchOptimizer(client, table, Fast).WriteAsync(Items("recover", 50));

        Assert.True(result.AllWritten);
        Assert.Equal(2, result.Statistics.Retries);
        Assert.All(faults.WritesReceived.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task WriteAsync_RequestTimesOut_RetriesAndWritesEverythingOnce()
    {
        var table = await dynamo.CreateTableAsync();
        var faults = new FaultInjectingHandler { HangTime = TimeSpan.FromSeconds(3) };
        faults.HangNext(1);
        using var client = dynamo.CreateFaultyClient(faults, timeout: TimeSpan.FromMilliseconds(500));

        var result = await new BatchOptimizer(client, table, Fast).WriteAsync(Items("timeout", 25));

        Assert.True(result.AllWritten, $"failed: {result.Failed.Count}");
        Assert.True(result.Statistics.Retries >= 1);
        Assert.All(faults.WritesReceived.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void IsRetryable_ValidationError_IsNot()
    {
        Assert.False(BatchOptimizer.IsRetryable(new AmazonDynamoDBExceptionStub(), CancellationToken.None));
        Assert.True(BatchOptimizer.IsRetryable(new ProvisionedThroughputExceededException("slow down"), CancellationToken.None));
        Assert.False(BatchOptimizer.IsRetryable(new OperationCanceledException(), new CancellationToken(canceled: true)));
    }

    private static IEnumerable<WriteOperation> Items(string user, int count) =>
        Enumerable.Range(0, count).Select(i => WriteOperation.Put(Item(user, i, i)));

    private static IEnumerable<ItemKey> Keys(string user, int count) =>
        Enumerable.Range(0, count).Select(i => new ItemKey($"USER#{user}", $"ITEM#{i:0000}"));

    private static Dictionary<string, AttributeValue> Item(string user, int i, int value) => new()
    {
        ["PK"] = new AttributeValue { S = $"USER#{user}" },
        ["SK"] = new AttributeValue { S = $"ITEM#{i:0000}" },
        ["n"] = new AttributeValue { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private sealed class AmazonDynamoDBExceptionStub() : Amazon.DynamoDBv2.AmazonDynamoDBException("One or more parameter values were invalid");
}
