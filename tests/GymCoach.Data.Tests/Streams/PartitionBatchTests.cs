using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Errors;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Streams;

public sealed class PartitionBatchTests
{
    private readonly CapturingLogger _log = new();

    [Fact]
    public void Group_RecordsOfOneUserAmongOthers_OneUnitPerUserInTheOrderOfTheirFirstRecord()
    {
        var records = new[] { Record("1", "alice", "A"), Record("2", "bob", "B"), Record("3", "alice", "C") };

        var batch = Group(records);

        Assert.Equal(3, batch.Readable);
        Assert.Equal(["alice:A,C", "bob:B"], batch.Units.Select(u => $"{u.Key}:{string.Join(",", u.Unit)}"));
    }

    [Fact]
    public void Group_RecordOutsideTheUsersPartitions_IsSkipped()
    {
        var records = new[] { Record("1", "alice", "A"), RecordIn("2", "LIBRARY#EXERCISES", "x") };

        var batch = Group(records);

        Assert.Equal(2, batch.Readable);
        Assert.Equal(["alice"], batch.Units.Select(u => u.Key));
    }

    [Fact]
    public void Group_PoisonRecord_StopsThereAndLogsIt()
    {
        var records = new[] { Record("1", "alice", "A"), RecordIn("2", "USER#", "x"), Record("3", "bob", "B") };

        var batch = Group(records);

        Assert.Equal(1, batch.Readable);
        Assert.Equal(["alice"], batch.Units.Select(u => u.Key));
        Assert.Contains(_log.Lines, l => l.Contains("Record 2 cannot be applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SecondUserFails_ReportsFromItsFirstRecordAndStillRunsTheOthers()
    {
        var records = new[] { Record("1", "alice", "A"), Record("2", "bob", "B"), Record("3", "alice", "C"), Record("4", "carol", "D") };
        var ran = new List<string>();

        var failedFrom = await Group(records).RunAsync(
            (user, _, _) =>
            {
                lock (ran)
                {
                    ran.Add(user);
                }

                return user == "bob" ? Task.FromException(new InvalidOperationException("bob's update")) : Task.CompletedTask;
            },
            parallelism: 2,
            "Update",
            _log.Logger,
            CancellationToken.None);

        Assert.Equal(1, failedFrom);
        Assert.Equal(["alice", "bob", "carol"], ran.Order());
        Assert.Contains(_log.Lines, l => l.Contains("Update of record 2 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_AccountBeingDeleted_IsNoFailure()
    {
        var records = new[] { Record("1", "alice", "A"), Record("2", "bob", "B") };

        var failedFrom = await Group(records).RunAsync(
            (user, _, _) => user == "alice" ? Task.FromException(new AccountDeletingException()) : Task.CompletedTask, 4, "Update", _log.Logger, CancellationToken.None);

        Assert.Equal(2, failedFrom);
    }

    [Fact]
    public async Task RunAsync_TokenFiredBeforeAUnitStarted_ReportsItsRecordsForRetry()
    {
        var records = new[] { Record("1", "alice", "A"), Record("2", "bob", "B") };
        using var cts = new CancellationTokenSource();

        var failedFrom = await Group(records).RunAsync(
            async (user, _, token) =>
            {
                await cts.CancelAsync();
            },
            parallelism: 1,
            "Update",
            _log.Logger,
            cts.Token);

        Assert.Equal(1, failedFrom);
    }

    [Fact]
    public async Task RunAsync_ManyUsers_NeverMoreAtOnceThanItsParallelism()
    {
        var records = Enumerable.Range(0, 40).Select(i => Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "user" + i, "x")).ToArray();
        var running = 0;
        var most = 0;

        var failedFrom = await Group(records).RunAsync(
            async (_, _, _) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref running);
            },
            parallelism: 3,
            "Update",
            _log.Logger,
            CancellationToken.None);

        Assert.Equal(40, failedFrom);
        Assert.InRange(most, 2, 3);
    }

    [Fact]
    public async Task RunAsync_Filtered_RunsOnlyTheUnitsItIncludes()
    {
        var records = new[] { Record("1", "alice", "A"), Record("2", "bob", "B") };
        var ran = new List<string>();

        await Group(records).RunAsync((user, _, _) => { ran.Add(user); return Task.CompletedTask; }, 1, "Update", _log.Logger, CancellationToken.None, include: u => u == "bob");

        Assert.Equal(["bob"], ran);
    }

    private PartitionBatch<string, List<string>> Group(IReadOnlyList<StreamRecord> records) =>
        PartitionBatch<string, List<string>>.Group(
            records,
            UserItemKey.Of,
            item => item.UserId,
            _ => [],
            (unit, item) =>
            {
                unit.Add(item.SortKey);
                return unit;
            },
            _log.Logger);

    private static StreamRecord Record(string sequence, string user, string sortKey) => RecordIn(sequence, "USER#" + user, sortKey);

    private static StreamRecord RecordIn(string sequence, string partition, string sortKey) =>
        new("e" + sequence, StreamEventName.Insert, sequence, null, new Dictionary<string, AttributeValue> { ["PK"] = new() { S = partition }, ["SK"] = new() { S = sortKey } }, null, null, null);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
