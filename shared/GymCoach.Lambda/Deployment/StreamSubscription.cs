namespace GymCoach.Lambda.Deployment;

/// <summary>
/// One event source mapping of a stream consumer on the table's stream. Each mapping reads every shard on its own,
/// so a slow kind of record (a rebuild) gets a mapping of its own and never holds another kind's records.
/// Every mapping reports partial failures, bisects a failing batch, retries a record 5 times, gives up on records
/// older than a day and sends what it gave up on to its function's failure queue: those are not choices, except for
/// a consumer that must never give up (<see cref="KeepsEveryRecord"/>).
/// </summary>
public sealed record StreamSubscription(string Name, IReadOnlyList<StreamFilter> Filters)
{
    public int BatchSize { get; init; } = 100;

    public int BatchingWindowSeconds { get; init; }

    /// <summary>Concurrent batches per shard (1 keeps a partition's records in order across batches; more is allowed only where records are independent jobs).</summary>
    public int ParallelizationFactor { get; init; } = 1;

    /// <summary>
    /// Retries a failing record until it succeeds, however old it gets, instead of giving it up after 5 attempts or a
    /// day: for a consumer whose output must hold every change (the sync change log, where a record given up would
    /// be a change no device ever learns of). A record that can never succeed then holds its shard: the iterator-age
    /// alarm says so, and the failure queue stays empty.
    /// </summary>
    public bool KeepsEveryRecord { get; init; }
}
