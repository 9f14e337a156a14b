using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Writes;

/// <summary>The account-deletion fence in the shared write path, against DynamoDB Local.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class FencedWritesTests(DynamoDbFixture dynamo)
{
    private static Dictionary<string, AttributeValue> Item(string user, string sortKey, string value) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(user)),
        [Keys.SortKey] = Attributes.S(sortKey),
        ["value"] = Attributes.S(value),
    };

    private static Dictionary<string, AttributeValue> Key(string user, string sortKey) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(user)),
        [Keys.SortKey] = Attributes.S(sortKey),
    };

    private static UpdateItemRequest SetValue(string table, string user, string value) => new()
    {
        TableName = table,
        Key = Key(user, "KEEP"),
        UpdateExpression = "SET #v = :v",
        ExpressionAttributeNames = new() { ["#v"] = "value" },
        ExpressionAttributeValues = new() { [":v"] = Attributes.S(value) },
        ReturnValues = ReturnValue.ALL_NEW,
    };

    private async Task<(string Table, string User)> DeletingAsync()
    {
        var table = await dynamo.CreateTableAsync();
        var user = "fenced-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = Item(user, "KEEP", "before") });
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = new(AccountFence.Key(user)) { ["status"] = Attributes.S("queued") } });
        return (table, user);
    }

    private async Task<List<string>> SortKeysAsync(string table, string user) =>
        (await StoredItems.QueryAsync(dynamo.Client, table, user, string.Empty)).Select(i => i[Keys.SortKey].S).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task PutItemAsync_AccountBeingDeleted_ThrowsAccountDeletingAndWritesNothing()
    {
        var (table, user) = await DeletingAsync();

        await Assert.ThrowsAsync<AccountDeletingException>(() =>
            FencedWrites.PutItemAsync(dynamo.Client, new PutItemRequest { TableName = table, Item = Item(user, "NEW", "x") }, default));

        Assert.Equal(["DELETION", "KEEP"], await SortKeysAsync(table, user));
    }

    [Fact]
    public async Task UpdateAndDelete_AccountBeingDeleted_ThrowAccountDeletingAndChangeNothing()
    {
        var (table, user) = await DeletingAsync();
        await Assert.ThrowsAsync<AccountDeletingException>(() => FencedWrites.UpdateItemAsync(dynamo.Client, SetValue(table, user, "after"), default));
        await Assert.ThrowsAsync<AccountDeletingException>(() => FencedWrites.DeleteItemAsync(dynamo.Client, new DeleteItemRequest { TableName = table, Key = Key(user, "KEEP") }, default));

        var kept = await dynamo.Client.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(user, "KEEP"), ConsistentRead = true });
        Assert.Equal("before", kept.Item["value"].S);
    }

    [Fact]
    public async Task WriteAsync_TransactionOfTwoPartitionsOneBeingDeleted_ThrowsAccountDeletingAndWritesNeither()
    {
        var (table, deleting) = await DeletingAsync();
        var other = "other-" + Guid.NewGuid().ToString("N")[..8];

        await Assert.ThrowsAsync<AccountDeletingException>(() => Transaction.WriteAsync(
            dynamo.Client,
            [ItemCreator.NewItem(table, Item(other, "A", "x")), ItemCreator.NewItem(table, Item(deleting, "B", "x"))],
            default));

        Assert.Empty(await SortKeysAsync(table, other));
        Assert.Equal(["DELETION", "KEEP"], await SortKeysAsync(table, deleting));
    }

    [Fact]
    public async Task UpdateItemAsync_NotDeletingAllNew_ReturnsTheStoredItem()
    {
        var table = await dynamo.CreateTableAsync();
        var user = "fenced-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = Item(user, "KEEP", "before") });

        var stored = await FencedWrites.UpdateItemAsync(dynamo.Client, SetValue(table, user, "after"), default);

        Assert.Equal("after", stored!["value"].S);
    }

    [Fact]
    public async Task PutItemAsync_OwnConditionFails_ThrowsConditionalCheckFailedCarryingTheStoredItem()
    {
        var table = await dynamo.CreateTableAsync();
        var user = "fenced-" + Guid.NewGuid().ToString("N")[..8];
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = table, Item = Item(user, "KEEP", "before") });

        var (stored, created) = await ItemCreator.PutNewAsync(dynamo.Client, table, Item(user, "KEEP", "second"), default);

        Assert.False(created);
        Assert.Equal("before", stored["value"].S);
    }

    [Fact]
    public void Fenced_TransactionWritingTheDeletionItem_AddsNoFenceForThatPartition()
    {
        var start = ItemCreator.NewItem("t", new(AccountFence.Key("ada")) { ["status"] = Attributes.S("queued") });
        var check = new TransactWriteItem { ConditionCheck = new ConditionCheck { TableName = "t", Key = Key("ada", "PROFILE"), ConditionExpression = "attribute_exists(PK)" } };

        var items = Transaction.Fenced([start, check]);

        Assert.Equal(2, items.Count);
    }

    [Fact]
    public void Fenced_WritesOfTwoUsersAndTheLibrary_FencesEachUserOnce()
    {
        List<TransactWriteItem> writes =
        [
            ItemCreator.NewItem("t", Item("ada", "A", "x")),
            ItemCreator.NewItem("t", Item("ada", "B", "x")),
            ItemCreator.NewItem("t", Item("bob", "A", "x")),
            ItemCreator.NewItem("t", new() { [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary), [Keys.SortKey] = Attributes.S("E") }),
        ];

        var items = Transaction.Fenced(writes);

        Assert.Equal(6, items.Count);
        Assert.Equal([Keys.User("ada"), Keys.User("bob")], items.Skip(4).Select(i => i.ConditionCheck.Key[Keys.PartitionKey].S));
        Assert.All(items.Skip(4), i => Assert.Equal(Keys.AccountDeletion, i.ConditionCheck.Key[Keys.SortKey].S));
        Assert.All(items.Skip(4), i => Assert.Equal("attribute_not_exists(#pk)", i.ConditionCheck.ConditionExpression));
    }
}
