using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Writes;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GymCoach.Data.Tests.Writes;

/// <summary>Cancellations DynamoDB Local will not produce on demand: throttling and conflicts inside a transaction.</summary>
public sealed class TransactionTests
{
    private static TransactionCanceledException Cancelled(params string[] codes) =>
        new("cancelled") { CancellationReasons = codes.Select(c => new CancellationReason { Code = c }).ToList() };

    [Fact]
    public async Task WriteAsync_ThrottledItem_IsThrownAsBusyNotReturnedAsAFailedCondition()
    {
        var client = Substitute.For<IAmazonDynamoDB>();
        client.TransactWriteItemsAsync(Arg.Any<TransactWriteItemsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(Cancelled("None", "ThrottlingError"));

        var thrown = await Assert.ThrowsAsync<TransactionCanceledException>(() => Transaction.WriteAsync(client, [new TransactWriteItem()], default));

        Assert.True(StoreFailures.IsThrottling(thrown));
    }

    [Fact]
    public async Task WriteAsync_FailedCondition_ReturnsTheReasons()
    {
        var client = Substitute.For<IAmazonDynamoDB>();
        client.TransactWriteItemsAsync(Arg.Any<TransactWriteItemsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(Cancelled("None", "ConditionalCheckFailed"));

        var reasons = await Transaction.WriteAsync(client, [new TransactWriteItem()], default);

        Assert.NotNull(reasons);
        Assert.True(Transaction.ConditionFailed(reasons, 1));
        Assert.False(Transaction.ConditionFailed(reasons, 0));
    }

    [Fact]
    public async Task WriteAsync_ConflictThenSuccess_IsRetriedAndApplied()
    {
        var client = Substitute.For<IAmazonDynamoDB>();
        var calls = 0;
        client.TransactWriteItemsAsync(Arg.Any<TransactWriteItemsRequest>(), Arg.Any<CancellationToken>())
            .Returns(_ => ++calls < 3 ? throw Cancelled("TransactionConflict", "None") : Task.FromResult(new TransactWriteItemsResponse()));

        var reasons = await Transaction.WriteAsync(client, [new TransactWriteItem()], default);

        Assert.Null(reasons);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task WriteAsync_ConflictsPastTheAttempts_AreThrownAsBusy()
    {
        var client = Substitute.For<IAmazonDynamoDB>();
        client.TransactWriteItemsAsync(Arg.Any<TransactWriteItemsRequest>(), Arg.Any<CancellationToken>()).ThrowsAsync(Cancelled("TransactionConflict"));

        var thrown = await Assert.ThrowsAsync<TransactionCanceledException>(() => Transaction.WriteAsync(client, [new TransactWriteItem()], default));

        Assert.True(StoreFailures.IsThrottling(thrown));
        await client.Received(Transaction.MaxConflictAttempts).TransactWriteItemsAsync(Arg.Any<TransactWriteItemsRequest>(), Arg.Any<CancellationToken>());
    }
}
