using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Writes;

/// <summary>Per-account caps counted in the create's and the delete's own transaction, against DynamoDB Local.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class CollectionCapTests(DynamoDbFixture dynamo)
{
    private static readonly CollectionCap Cap = new("things", "things", 3);

    private static Dictionary<string, AttributeValue> Thing(string user, string id) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(user)),
        [Keys.SortKey] = Attributes.S("THING#" + id),
        [Keys.Version] = Attributes.N(1),
    };

    private async Task<(string Table, string User)> NewAsync() =>
        (await dynamo.CreateTableAsync(), "capped-" + Guid.NewGuid().ToString("N")[..8]);

    private async Task<int> ThingsAsync(string table, string user) =>
        (await StoredItems.QueryAsync(dynamo.Client, table, user, "THING#")).Count;

    [Fact]
    public async Task PutNewAsync_PastTheCap_ThrowsCollectionFullNamingItAndWritesNothing()
    {
        var (table, user) = await NewAsync();
        for (var i = 0; i < 3; i++)
        {
            await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "t" + i), null, Cap, user, default);
        }

        var full = await Assert.ThrowsAsync<CollectionFullException>(() => ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "t3"), null, Cap, user, default));

        Assert.Equal(3, full.Max);
        Assert.Contains("at most 3 things", full.Message, StringComparison.Ordinal);
        Assert.Equal(3, await ThingsAsync(table, user));
    }

    [Fact]
    public async Task PutNewAsync_RetryOfACreateThatLanded_ReturnsItAndCountsOnce()
    {
        var (table, user) = await NewAsync();
        var (_, created) = await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "a"), null, Cap, user, default);

        var (stored, again) = await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "a"), null, Cap, user, default);
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "b"), null, Cap, user, default);
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "c"), null, Cap, user, default);

        Assert.True(created);
        Assert.False(again);
        Assert.Equal("THING#a", stored[Keys.SortKey].S);
        Assert.Equal(3, await ThingsAsync(table, user)); // the retry took no place: b and c both fit
    }

    [Fact]
    public async Task DeleteAsync_WithTheCap_GivesThePlaceBack()
    {
        var (table, user) = await NewAsync();
        for (var i = 0; i < 3; i++)
        {
            await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "t" + i), null, Cap, user, default);
        }

        var key = new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S("THING#t0") };
        await VersionedWrites.DeleteAsync(dynamo.Client, table, key, 1, WritePrecondition.IfVersion(1), "thing", Cap, user, default);
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "t3"), null, Cap, user, default);

        Assert.Equal(3, await ThingsAsync(table, user));
    }

    [Fact]
    public async Task PutNewAsync_FiveRacingForTheLastPlace_OnlyOneLands()
    {
        var (table, user) = await NewAsync();
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "a"), null, Cap, user, default);
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "b"), null, Cap, user, default);

        var racers = Enumerable.Range(0, 5).Select(i => Task.Run(async () =>
        {
            try
            {
                await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "race" + i), null, Cap, user, default);
                return true;
            }
            catch (CollectionFullException)
            {
                return false;
            }
        })).ToList();
        var won = (await Task.WhenAll(racers)).Count(w => w);

        Assert.Equal(1, won);
        Assert.Equal(3, await ThingsAsync(table, user));
    }

    [Fact]
    public void On_TwoDates_AreCountedApart()
    {
        var perDay = new CollectionCap("entries", "entries on one day", 5);

        var monday = perDay.On(new DateOnly(2026, 12, 7)).Take("t", "ada").Update.Key[Keys.SortKey].S;
        var tuesday = perDay.On(new DateOnly(2026, 12, 8)).Take("t", "ada").Update.Key[Keys.SortKey].S;

        Assert.Equal("COUNT#entries#2026-12-07", monday);
        Assert.NotEqual(monday, tuesday);
    }

    [Fact]
    public async Task PutNewAsync_ItemDeletedBetweenTheTakenKeyAndItsReadBack_CreatesItAgain()
    {
        var (table, user) = await NewAsync();
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "t0"), null, Cap, user, default);

        // A retried create of t0 finds its key taken; a DELETE of t0 lands just before the read-back.
        var deleted = 0;
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, body) =>
            {
                if (target == "GetItem" && body.Contains("THING#t0", StringComparison.Ordinal) && Interlocked.Exchange(ref deleted, 1) == 0)
                {
                    dynamo.Client.DeleteItemAsync(table, new() { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S("THING#t0") }).GetAwaiter().GetResult();
                }

                return false;
            },
        };
        using var client = dynamo.CreateFaultyClient(faults);

        var (_, created) = await ItemCreator.PutNewAsync(client, table, Thing(user, "t0"), null, Cap, user, default);

        Assert.Equal(1, deleted);
        Assert.True(created);
        Assert.Equal(1, await ThingsAsync(table, user));
    }

    [Fact]
    public async Task PutNewAsync_PerDayCapWithATotal_FullTotalRefusesAnyDayAndADeleteGivesBothBack()
    {
        var (table, user) = await NewAsync();
        var perDay = new CollectionCap("entries", "entries on one day", 10) { Total = new CollectionCap("entries-total", "entries", 3) };
        for (var day = 1; day <= 3; day++)
        {
            await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "d" + day), null, perDay.On(new DateOnly(2026, 12, day)), user, default);
        }

        // A fourth day has room of its own; the account has none.
        var full = await Assert.ThrowsAsync<CollectionFullException>(() => ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "d4"), null, perDay.On(new DateOnly(2026, 12, 4)), user, default));
        Assert.Contains("at most 3 entries", full.Message, StringComparison.Ordinal);
        Assert.Equal(3, await ThingsAsync(table, user));

        var key = new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.User(user)), [Keys.SortKey] = Attributes.S("THING#d1") };
        await VersionedWrites.DeleteAsync(dynamo.Client, table, key, 1, WritePrecondition.IfVersion(1), "thing", perDay.On(new DateOnly(2026, 12, 1)), user, default);
        await ItemCreator.PutNewAsync(dynamo.Client, table, Thing(user, "d4"), null, perDay.On(new DateOnly(2026, 12, 4)), user, default);

        Assert.Equal(3, await ThingsAsync(table, user));
    }
}
