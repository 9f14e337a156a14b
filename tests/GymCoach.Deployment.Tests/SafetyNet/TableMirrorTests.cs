using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;
using Xunit.Sdk;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>The safety net's "changes nothing" check: what it sees, and that it fails when the table changed behind it.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class TableMirrorTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task ChangesAsync_PutThroughTheRecordingClient_IsReportedUntilAccepted()
    {
        var (mirror, table) = await MirrorAsync();
        using var client = dynamo.CreateFaultyClient(mirror.Recorder);

        await client.PutItemAsync(table, Item("USER#a", "X#1", "one"));
        var changes = await mirror.ChangesAsync();
        mirror.Accept(changes);

        var change = Assert.Single(changes);
        Assert.Contains("(none) → ", change.Description, StringComparison.Ordinal);
        Assert.Empty(await mirror.ChangesAsync());
        await mirror.AssertEqualsTableAsync();
    }

    [Fact]
    public async Task ChangesAsync_TransactionBatchUpdateAndDelete_AreEachReported()
    {
        var (mirror, table) = await MirrorAsync();
        await dynamo.Client.PutItemAsync(table, Item("USER#a", "X#old", "old"));
        await mirror.LoadAsync();
        using var client = dynamo.CreateFaultyClient(mirror.Recorder);

        await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new() { Put = new Put { TableName = table, Item = Item("USER#a", "X#t", "t") } },
                new() { Delete = new Delete { TableName = table, Key = Key("USER#a", "X#old") } },
            ],
        });
        await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = [new WriteRequest(new PutRequest(Item("USER#b", "X#b", "b")))] } });
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = Key("USER#a", "X#t"),
            UpdateExpression = "SET v = :v",
            ExpressionAttributeValues = new() { [":v"] = new AttributeValue { S = "t2" } },
        });
        var changes = await mirror.ChangesAsync();

        Assert.Equal(["USER#a\nX#old", "USER#a\nX#t", "USER#b\nX#b"], changes.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Contains(changes, c => c.Key == "USER#a\nX#old" && c.Item is null);
        Assert.Contains(changes, c => c.Key == "USER#a\nX#t" && c.Item!.Contains("v=t2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangesAsync_WriteRefusedByItsCondition_ReportsNothing()
    {
        var (mirror, table) = await MirrorAsync();
        await dynamo.Client.PutItemAsync(table, Item("USER#a", "X#1", "one"));
        await mirror.LoadAsync();
        using var client = dynamo.CreateFaultyClient(mirror.Recorder);

        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ConditionalCheckFailedException>(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = Item("USER#a", "X#1", "two"),
            ConditionExpression = "attribute_not_exists(PK)",
        }));

        Assert.Empty(await mirror.ChangesAsync());
    }

    [Fact]
    public async Task AssertEqualsTableAsync_ItemWrittenPastTheRecorder_Fails()
    {
        var (mirror, table) = await MirrorAsync();

        await dynamo.Client.PutItemAsync(table, Item("USER#a", "X#hidden", "hidden"));

        Assert.Empty(await mirror.ChangesAsync()); // the recorder never saw it...
        await Assert.ThrowsAsync<TrueException>(mirror.AssertEqualsTableAsync); // ...the final scan does
    }

    private async Task<(TableMirror Mirror, string Table)> MirrorAsync()
    {
        var table = await dynamo.CreateTableAsync();
        var mirror = TableMirror.For(dynamo.Client, table);
        await mirror.LoadAsync();
        return (mirror, table);
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) =>
        new() { [Keys.PartitionKey] = new AttributeValue { S = pk }, [Keys.SortKey] = new AttributeValue { S = sk } };

    private static Dictionary<string, AttributeValue> Item(string pk, string sk, string value) =>
        new(Key(pk, sk)) { ["v"] = new AttributeValue { S = value } };
}
