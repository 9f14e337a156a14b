namespace GymCoach.Data.Batching;

/// <summary>
/// Limits of the batch optimizer. Defaults suit a 512 MB Lambda: a few chunks in flight (each chunk is one
/// HTTP request), and a retry budget short enough to fit inside an API request.
/// </summary>
public sealed record BatchOptions
{
    /// <summary>DynamoDB's BatchGetItem limit.</summary>
    public const int MaxGetChunk = 100;

    /// <summary>DynamoDB's BatchWriteItem limit.</summary>
    public const int MaxWriteChunk = 25;

    /// <summary>Chunks in flight at once.</summary>
    public int MaxParallelism { get; init; } = 4;

    /// <summary>Rounds of retrying unprocessed items (after the first attempt).</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First backoff cap; doubles each round (full jitter: a random delay from 0 to the cap).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Largest backoff cap.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Total time the retries of one call may take; what is still unprocessed then is reported failed.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(3);

    public static BatchOptions Default { get; } = new();
}
