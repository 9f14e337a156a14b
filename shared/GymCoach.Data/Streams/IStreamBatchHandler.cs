using GymCoach.Lambda.Runtime;

namespace GymCoach.Data.Streams;

/// <summary>
/// A stream consumer that applies a whole batch at once — so changes that touch the same aggregates are
/// coalesced into one recomputation instead of one per record. It answers how far it got: the index of the
/// first record it did not apply (<c>records.Count</c> when all were), and that record and every later one are
/// reported back for Lambda to retry. Like <see cref="IStreamRecordHandler"/>, it must be idempotent.
/// </summary>
public interface IStreamBatchHandler
{
    ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for a handler that plans its work around the deadline (a long job that hands over to the next
    /// invocation before Lambda stops this one). The context's token fires at the platform's margin.
    /// </summary>
    ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context) =>
        HandleBatchAsync(records, context.CancellationToken);
}
