using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;
using GymCoach.Data.Contracts;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>The stream consumer never writes for an account being deleted, nor a summary of nothing once it is gone.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class AccountDeletionTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task HandleBatch_AccountBeingDeleted_WritesNothing()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        var session = await loop.TrainAsync("dora", ("barbell-back-squat", 5, 100, "normal"));
        await dynamo.Client.PutItemAsync(new PutItemRequest
        {
            TableName = loop.Table,
            Item = new() { [Keys.PartitionKey] = Attributes.S(Keys.User("dora")), [Keys.SortKey] = Attributes.S(Keys.AccountDeletion), [Keys.EntityType] = Attributes.S(EntityTypes.AccountDeletion) },
        });

        var result = await AnalyticsLoop.InvokeAsync(loop.Stream, StreamEvents.Keys([("dora", Keys.Session(session))]));

        Assert.Contains("\"batchItemFailures\":[]", System.Text.Encoding.UTF8.GetString(result.Payload), StringComparison.Ordinal);
        Assert.Empty(await loop.AggregatesAsync("dora"));
    }

    [Theory]
    [InlineData("REMOVE")] // the sweep's own records, delivered after the sweep
    [InlineData("MODIFY")] // a completion written before the deletion, delivered after it (a lagging consumer)
    public async Task HandleBatch_RecordOfAnAccountAlreadyDeleted_WritesNoSummaryOfNothing(string eventName)
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);

        var result = await AnalyticsLoop.InvokeAsync(loop.Stream, StreamEvents.Keys([("gone", Keys.Session(Ulid.NewId()))], eventName));

        Assert.Contains("\"batchItemFailures\":[]", System.Text.Encoding.UTF8.GetString(result.Payload), StringComparison.Ordinal);
        Assert.Empty(await StoredItems.QueryAsync(dynamo.Client, loop.Table, "gone", string.Empty));
    }
}
