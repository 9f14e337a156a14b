using GymCoach.Lambda.Runtime;

namespace GymCoach.Data.Streams;

/// <summary>
/// A stream consumer that applies a whole batch at once — so changes that touch the same aggregates are
/// coalesced into one recomputation instead of one per record. It answers how far it got: the index of the
/// first record it did not apply (<c>records.Count</c> when all were), and that record and every later one are
/// reported back for Lambda to retry. It must be idempotent: a record can be delivered again. Handlers group and
/// run their records with <see cref="PartitionBatch{TKey, TUnit}"/>, the stream kernel.
/// </summary>
public interface IStreamBatchHandler
{
    /// <summary>
    /// Applies <paramref name="records"/>. The context's token fires at the platform's margin before the deadline;
    /// a handler that plans long work (a job that hands over to the next invocation) reads the deadline itself.
    /// </summary>
    ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context);
}
