namespace GymCoach.Data.Streams;

/// <summary>
/// What a stream consumer does with one change. Records arrive in stream order; throwing stops the batch there,
/// and that record and every later one are reported back for Lambda to retry (so a retry can never apply a
/// later change before an earlier one). Handlers must be idempotent: a record can be delivered again.
/// </summary>
public interface IStreamRecordHandler
{
    ValueTask HandleAsync(StreamRecord record, CancellationToken cancellationToken);
}
