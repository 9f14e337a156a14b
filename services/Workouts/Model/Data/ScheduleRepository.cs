using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Scheduled workouts under <c>SCHEDULE#id</c>, where the id is a ULID whose time is the scheduled day: the
/// calendar for a date range is one Query between two ids, and an entry is still found by its id alone.
/// </summary>
public sealed class ScheduleRepository
{
    public const string Entity = EntityTypes.ScheduledWorkout;
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public ScheduleRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    /// <summary>A new id for an entry on <paramref name="date"/>: sorts with that day.</summary>
    public static string NewId(DateOnly date) => Ulid.NewId(Midnight(date));

    /// <summary>The day an id was made for.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public async Task<ScheduledWorkout> CreateAsync(string userId, ScheduledWorkout entry, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        FromItem((await ItemCreator.PutNewAsync(_client, _table, ToItem(userId, entry), record, CollectionCaps.ScheduledPerDay.On(entry.Date), userId, cancellationToken).ConfigureAwait(false)).Item);

    public async Task<ScheduledWorkout?> GetAsync(string userId, string id, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key(userId, id), ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <summary>Every entry from <paramref name="from"/> to <paramref name="to"/> (inclusive), in date order.</summary>
    public async Task<IReadOnlyList<ScheduledWorkout>> ListAsync(string userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var items = await QueryPages.AllAsync(
            _client,
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new()
                {
                    [":pk"] = Attributes.S(Keys.User(userId)),
                    [":from"] = Attributes.S(Keys.Schedule(Ulid.Lowest(Midnight(from)))),
                    [":to"] = Attributes.S(Keys.Schedule(Ulid.Highest(Midnight(to.AddDays(1)).AddMilliseconds(-1)))),
                },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return items.Select(FromItem).ToList();
    }

    public Task DeleteAsync(string userId, ScheduledWorkout current, WritePrecondition precondition, CancellationToken cancellationToken) =>
        VersionedWrites.DeleteAsync(_client, _table, Key(userId, current.Id), current.Version, precondition, "scheduled workout", CollectionCaps.ScheduledPerDay.On(current.Date), userId, cancellationToken);

    /// <summary>
    /// The transaction write that marks an entry done by <paramref name="sessionId"/>: only if it exists and is
    /// still planned (a second session from one entry is refused).
    /// </summary>
    public TransactWriteItem MarkStarted(string userId, string id, string sessionId) => new()
    {
        Update = new Update
        {
            TableName = _table,
            Key = Key(userId, id),
            UpdateExpression = "SET #status = :done, sessionId = :session ADD #version :one",
            ConditionExpression = "attribute_exists(#pk) AND #status = :planned",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#status"] = "status", ["#version"] = Keys.Version },
            ExpressionAttributeValues = new()
            {
                [":done"] = Attributes.S(ScheduledWorkout.Done),
                [":planned"] = Attributes.S(ScheduledWorkout.Planned),
                [":session"] = Attributes.S(sessionId),
                [":one"] = Attributes.N(1),
            },
        },
    };

    private static Dictionary<string, AttributeValue> ToItem(string userId, ScheduledWorkout entry) => new Dictionary<string, AttributeValue>
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Schedule(entry.Id)),
        [Keys.EntityType] = Attributes.S(Entity),
        [ScheduledWorkoutContract.Id] = Attributes.S(entry.Id),
        [ScheduledWorkoutContract.Date] = Attributes.S(Timestamps.ToApi(entry.Date)),
        [ScheduledWorkoutContract.Name] = Attributes.S(entry.Name),
        [ScheduledWorkoutContract.Status] = Attributes.S(entry.Status),
        [Keys.Version] = Attributes.N(entry.Version),
        ["createdAt"] = Attributes.S(Timestamps.ToApi(entry.CreatedAt)),
    }.WithOptional(ScheduledWorkoutContract.PlanId, entry.PlanId).WithOptional("notes", entry.Notes).WithOptional("sessionId", entry.SessionId);

    public static ScheduledWorkout FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredDate("date"),
        item.GetString("planId"),
        item.GetRequiredString("name"),
        item.GetString("notes"),
        item.GetRequiredString("status"),
        item.GetString("sessionId"),
        item.GetLong(Keys.Version) ?? 1,
        Timestamps.Parse(item.GetRequiredString("createdAt")));

    private static Dictionary<string, AttributeValue> Key(string userId, string id) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Schedule(id)),
    };
}
