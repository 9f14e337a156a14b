using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data.Writes;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Data;

/// <summary>Recompute jobs on the shared job store: the segment protocol keeps two invocations from losing each other's work.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class JobStoreTests(DynamoDbFixture dynamo)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Claim_TheOwnerSavedProgressAfterTheClaimerReadTheJob_KeepsThatProgress()
    {
        var table = await dynamo.CreateTableAsync();
        var jobs = new JobStore(dynamo.Client, table);
        var queued = RecomputeService.New(new Creation(GymCoach.Data.Ulid.NewId(Now), Now));
        await dynamo.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [jobs.NewJob("rex", queued)] });
        var owner = (await jobs.ClaimAsync("rex", queued, Now, CancellationToken.None))!;

        // A redelivered record: another invocation reads the job, and before it claims, the owner saves a step.
        var seen = (await jobs.GetAsync("rex", queued.Id, CancellationToken.None))!;
        Assert.True(await jobs.SaveAsync("rex", owner with { SessionsRead = 50, Cursor = "page-2" }, CancellationToken.None));
        var claimed = await jobs.ClaimAsync("rex", seen, Now.AddSeconds(5), CancellationToken.None);

        Assert.NotNull(claimed);
        Assert.Equal(owner.Segment + 1, claimed.Segment);
        // The claim moves the segment and status only: the step saved in between is still there to carry on from.
        Assert.Equal(50, claimed.SessionsRead);
        Assert.Equal("page-2", claimed.Cursor);
        Assert.Equal(RecomputeJob.Running, claimed.Status);
        Assert.Equal(owner.StartedAt, claimed.StartedAt);
        // And the old owner's next save is refused: the job is the claimer's now.
        Assert.False(await jobs.SaveAsync("rex", owner with { SessionsRead = 60 }, CancellationToken.None));
    }

    [Fact]
    public async Task Save_AtSegmentZeroOfAJobDeletedMeanwhile_DoesNotRecreateIt()
    {
        var table = await dynamo.CreateTableAsync();
        var jobs = new JobStore(dynamo.Client, table);
        var queued = RecomputeService.New(new Creation(GymCoach.Data.Ulid.NewId(Now), Now));
        await dynamo.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [jobs.NewJob("zed", queued)] });
        await dynamo.Client.DeleteItemAsync(table, new Dictionary<string, AttributeValue>
        {
            [GymCoach.Data.Keys.PartitionKey] = new(GymCoach.Data.Keys.User("zed")),
            [GymCoach.Data.Keys.SortKey] = new(GymCoach.Data.Keys.AnalyticsJob(queued.Id)),
        });

        Assert.False(await jobs.SaveAsync("zed", queued with { SessionsRead = 1 }, CancellationToken.None));
        Assert.Null(await jobs.GetAsync("zed", queued.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_TwoInvocationsClaimTheSameRead_OnlyOneGetsTheSegment()
    {
        var table = await dynamo.CreateTableAsync();
        var jobs = new JobStore(dynamo.Client, table);
        var queued = RecomputeService.New(new Creation(GymCoach.Data.Ulid.NewId(Now), Now));
        await dynamo.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [jobs.NewJob("ida", queued)] });

        var claims = await Task.WhenAll(jobs.ClaimAsync("ida", queued, Now, CancellationToken.None), jobs.ClaimAsync("ida", queued, Now, CancellationToken.None));

        Assert.Single(claims, c => c is not null);
        Assert.Equal(1, (await jobs.GetAsync("ida", queued.Id, CancellationToken.None))!.Segment);
    }
}
