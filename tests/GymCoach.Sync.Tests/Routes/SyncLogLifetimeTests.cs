using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests.Routes;

/// <summary>
/// What a device's place in the log survives and what it does not: entries that expire (in any order), a log that
/// begins again (a deleted account's id used again, a head that expired), and what a snapshot reads.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class SyncLogLifetimeTests(DynamoDbFixture dynamo)
{
    private const string PlanBody = """{"name":"Plan","exercises":[]}""";

    [Fact]
    public async Task Sync_AnEntryInsideThePageIsGone_Is410NotASkip()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var (cursor, logged) = await SyncedAsync(loop);
        for (var i = 0; i < 3; i++)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        }

        await loop.SettleAsync();
        Assert.Equal(logged + 3, (await Entries(loop)).Count);

        // The table's TTL removes entries lazily and in no order: the one after the device's place may outlive the next.
        await DeleteAsync(loop, Keys.SyncLog(logged + 2));
        var response = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor });

        Assert.Equal(410, response.Status);
        Assert.EndsWith("/sync-cursor-expired", response.Json.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AnEntryPastItsTimeToLiveNotYetRemoved_CountsAsGone()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var (cursor, logged) = await SyncedAsync(loop);
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);

        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = loop.Table,
            Key = Key(Keys.SyncLog(logged + 1)),
            UpdateExpression = "SET #ttl = :past",
            ExpressionAttributeNames = new() { ["#ttl"] = Keys.TimeToLive },
            ExpressionAttributeValues = new() { [":past"] = Attributes.N(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()) },
        });

        Assert.Equal(410, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);
    }

    [Fact]
    public async Task Sync_AccountDeletedAndItsIdUsedAgain_OldCursorIs410AndAFreshSyncHoldsOnlyTheNewData()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        for (var i = 0; i < 3; i++)
        {
            await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        }

        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);

        // What the deletion's sweep leaves: nothing of the partition. The lifter signs in again and makes one plan.
        foreach (var item in await StoredItems.QueryAsync(dynamo.Client, loop.Table, "alice", string.Empty))
        {
            await DeleteAsync(loop, item[Keys.SortKey].S);
        }

        var fresh = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: """{"name":"After","exercises":[]}""")).GetProperty("id").GetString()!;
        await loop.SettleAsync();

        var stale = await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor });
        var replica = new SyncReplica();
        await loop.SyncAsync("alice", replica);

        Assert.Equal(410, stale.Status);
        Assert.Equal([$"plan||{fresh}"], replica.State.Keys);
    }

    [Fact]
    public async Task Sync_HeadExpiredThenAChange_OldCursorIs410()
    {
        await using var loop = await SyncLoop.StartAsync(dynamo);
        var (cursor, _) = await SyncedAsync(loop);
        Assert.Equal(200, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);
        await dynamo.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = loop.Table,
            Key = Key(Keys.SyncHead),
            UpdateExpression = "SET #ttl = :past",
            ExpressionAttributeNames = new() { ["#ttl"] = Keys.TimeToLive },
            ExpressionAttributeValues = new() { [":past"] = Attributes.N(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()) },
        });

        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();

        // The log began again from 1: the device's place names an entry of the old one.
        Assert.Equal(410, (await loop.SendAsync(loop.Sync, "GET", "/sync", query: new() { ["since"] = cursor })).Status);
        var replica = new SyncReplica();
        await loop.SyncAsync("alice", replica);
        Assert.Equal(2, replica.State.Count);
    }

    [Fact]
    public async Task Sync_SnapshotOfAnAccountWithALongLog_ReadsNoneOfTheLog()
    {
        var meter = new CapacityMeter();
        using var client = dynamo.CreateMeteredClient(meter);
        await using var loop = await SyncLoop.StartAsync(dynamo, client);
        var id = (await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody)).GetProperty("id").GetString()!;
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/sessions", "bob", """{"name":"Bob's"}""");
        await loop.SettleAsync();
        await loop.SyncAsync("alice", new SyncReplica());
        var shortLog = meter.TotalUnits;
        for (var version = 1; version <= 150; version++)
        {
            await loop.ExpectAsync(loop.Workouts, 200, "PUT", "/workouts/plans/" + id, body: PlanBody, headers: new() { ["If-Match"] = $"\"{version}\"" });
        }

        await loop.SettleAsync();
        Assert.True((await Entries(loop)).Count > 100);
        meter.Reset();

        var replica = new SyncReplica();
        await loop.SyncAsync("alice", replica);

        Assert.Single(replica.State);
        Assert.InRange(meter.TotalUnits, 0, shortLog + 1);
    }

    /// <summary>One plan made and synced: the device's cursor and how many entries the log holds.</summary>
    private static async Task<(string Cursor, int Logged)> SyncedAsync(SyncLoop loop)
    {
        await loop.ExpectAsync(loop.Workouts, 201, "POST", "/workouts/plans", body: PlanBody);
        await loop.SettleAsync();
        var (cursor, _) = await loop.SyncAsync("alice", new SyncReplica());
        return (cursor, (await Entries(loop)).Count);
    }

    private static Task<List<Dictionary<string, AttributeValue>>> Entries(SyncLoop loop) =>
        StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "alice", Keys.SyncLogPrefix);

    private static Dictionary<string, AttributeValue> Key(string sortKey) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User("alice")),
        [Keys.SortKey] = Attributes.S(sortKey),
    };

    private static Task DeleteAsync(SyncLoop loop, string sortKey) =>
        loop.Dynamo.Client.DeleteItemAsync(new DeleteItemRequest { TableName = loop.Table, Key = Key(sortKey) });
}
