using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Writes;

/// <summary>
/// One TransactWriteItems call: all of its writes land or none does. A transaction that DynamoDB cancelled only
/// because another transaction held one of its items at that moment (<c>TransactionConflict</c>: two devices
/// logging into one session at once) is tried again after a short jittered pause — nothing of it was applied,
/// and its conditions are checked afresh. A cancellation by failed conditions is returned as the reason of each
/// item, so the caller can tell which condition failed and read the item that made it fail; any other (throttling,
/// conflicts that outlived the retries) is thrown, and <see cref="StoreFailures"/> makes it a 503.
/// </summary>
public static class Transaction
{
    /// <summary>Attempts of a transaction that keeps meeting conflicts before the conflict is reported.</summary>
    public const int MaxConflictAttempts = 8;

    /// <summary>Runs <paramref name="items"/> as one transaction; null when it was applied, the per-item reasons when it was cancelled.</summary>
    public static async Task<IReadOnlyList<CancellationReason>?> WriteAsync(IAmazonDynamoDB client, List<TransactWriteItem> items, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (TransactionCanceledException ex) when (IsConflictOnly(ex.CancellationReasons) && attempt < MaxConflictAttempts)
            {
                // Full jitter over a doubling window: 5, 10, 20 … ms.
                var window = 5 << Math.Min(attempt - 1, 6);
                await Task.Delay(Random.Shared.Next(1, window + 1), cancellationToken).ConfigureAwait(false);
            }
            catch (TransactionCanceledException ex) when (ex.CancellationReasons is { Count: > 0 } reasons && IsConditionsOnly(reasons))
            {
                return reasons;
            }
        }
    }

    /// <summary>True when the item at <paramref name="index"/> was cancelled because its condition failed.</summary>
    public static bool ConditionFailed(IReadOnlyList<CancellationReason> reasons, int index) =>
        index < reasons.Count && reasons[index].Code == "ConditionalCheckFailed";

    /// <summary>Cancelled by conditions alone: the caller's answer. Anything else (throttling, conflicts past the retries) is thrown as it came.</summary>
    private static bool IsConditionsOnly(List<CancellationReason> reasons) =>
        reasons.Any(r => r.Code == "ConditionalCheckFailed") && reasons.All(r => r.Code is "ConditionalCheckFailed" or "None" or null);

    private static bool IsConflictOnly(List<CancellationReason>? reasons) =>
        reasons is { Count: > 0 }
        && reasons.Any(r => r.Code == "TransactionConflict")
        && reasons.All(r => r.Code is "TransactionConflict" or "None" or null);
}
