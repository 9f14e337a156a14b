using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Writes;

namespace GymCoach.Data.Jobs;

/// <summary>
/// The one repository of account jobs, whatever their kind (the kind's <see cref="IJobMapper{TJob}"/> says how its
/// item looks): a new job for the job gate's transaction, reads, the gate's snapshot, and the segment protocol
/// (<see cref="JobItem"/>): claim the next segment, save while it is still yours. Writes go through the deletion
/// fence, so a job of an account being deleted stops at its next write.
/// </summary>
public class AccountJobStore<TJob>
    where TJob : class
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly IJobMapper<TJob> _mapper;

    public AccountJobStore(IAmazonDynamoDB client, string table, IJobMapper<TJob> mapper)
    {
        _client = client;
        _table = table;
        _mapper = mapper;
    }

    /// <summary>The transaction item that puts a new job (only if its key is free); the job gate writes it with its own.</summary>
    public TransactWriteItem NewJob(string userId, TJob job) => ItemCreator.NewItem(_table, _mapper.ToItem(Key(userId, _mapper.IdOf(job)), job));

    public async Task<TJob?> GetAsync(string userId, string jobId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(userId, jobId), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? _mapper.FromItem(item) : null;
    }

    /// <summary>What the job gate needs of a job.</summary>
    public async Task<JobSnapshot?> SnapshotAsync(string userId, string jobId, CancellationToken cancellationToken) =>
        await GetAsync(userId, jobId, cancellationToken).ConfigureAwait(false) is { } job ? _mapper.Snapshot(job) : null;

    /// <summary>
    /// Takes the next segment of <paramref name="seen"/> (as read): the job as claimed, or null when another
    /// invocation claimed it first (a redelivered record), or it is no longer active, or gone.
    /// </summary>
    public async Task<TJob?> ClaimAsync(string userId, TJob seen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var segment = _mapper.SegmentOf(seen);
        try
        {
            var stored = _mapper.FromItem((await FencedWrites.UpdateItemAsync(_client, JobItem.Claim(_table, Key(userId, _mapper.IdOf(seen)), segment, now), cancellationToken).ConfigureAwait(false))!);

            // Read back after the claim: another claim may have followed it in between, and the segment is then theirs.
            return _mapper.SegmentOf(stored) == segment + 1 ? stored : null;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    /// <summary>Stores the job's state while its segment is still the caller's; false when it is not any more (or the job is gone).</summary>
    public async Task<bool> SaveAsync(string userId, TJob job, CancellationToken cancellationToken)
    {
        var (condition, names, values) = JobItem.OwnsSegment(_mapper.SegmentOf(job));
        try
        {
            await FencedWrites.PutItemAsync(
                _client,
                new PutItemRequest { TableName = _table, Item = _mapper.ToItem(Key(userId, _mapper.IdOf(job)), job), ConditionExpression = condition, ExpressionAttributeNames = names, ExpressionAttributeValues = values },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private Dictionary<string, AttributeValue> Key(string userId, string jobId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(_mapper.SortKey(jobId)),
    };
}
