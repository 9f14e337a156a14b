using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Idempotency;

/// <summary>
/// The idempotency record a create writes in its own transaction (<see cref="IdempotencyStore.CompletedRecord"/>).
/// A repository adds <see cref="Write"/> to the transaction and, when DynamoDB cancels it because that write's
/// condition failed, calls <see cref="ThrowIfTaken"/> — so exactly-once needs no extra request on the happy path.
/// </summary>
public sealed class IdempotencyRecord
{
    public IdempotencyRecord(TransactWriteItem write)
    {
        Write = write;
    }

    public TransactWriteItem Write { get; }

    /// <summary>Throws <see cref="IdempotencyKeyTakenException"/> when the record's write (at <paramref name="index"/>) is what failed.</summary>
    public void ThrowIfTaken(IReadOnlyList<CancellationReason> reasons, int index)
    {
        if (Writes.Transaction.ConditionFailed(reasons, index))
        {
            throw new IdempotencyKeyTakenException(reasons[index].Item);
        }
    }
}
