namespace GymCoach.Data.Batching;

/// <summary>Writes applied and writes that still failed after the retry budget, item by item.</summary>
public sealed class BatchWriteResult
{
    public required int Written { get; init; }

    public required IReadOnlyList<ItemKey> Failed { get; init; }

    public required BatchStatistics Statistics { get; init; }

    public bool AllWritten => Failed.Count == 0;
}
