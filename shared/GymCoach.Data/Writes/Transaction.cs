using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Errors;

namespace GymCoach.Data.Writes;

/// <summary>
/// One TransactWriteItems call: all of its writes land or none does. A transaction that DynamoDB cancelled only
/// because another transaction held one of its items at that moment (<c>TransactionConflict</c>: two devices
/// logging into one session at once) is tried again after a short jittered pause — nothing of it was applied,
/// and its conditions are checked afresh. A cancellation by failed conditions is returned as the reason of each
/// item, so the caller can tell which condition failed and read the item that made it fail; any other (throttling,
/// conflicts that outlived the retries) is thrown, and <see cref="StoreFailures"/> makes it a 503.
/// </summary>
/// <remarks>
/// This is the shared write path's fence: every transaction that writes a user's partition gets, after the
/// caller's items, the check that the account is not being deleted (<see cref="AccountFence.Check"/>), and a
/// failed fence is an <see cref="AccountDeletingException"/> (409) whatever else failed. Only a transaction that
/// itself writes or checks the deletion item (the deletion's own start) goes without: it is what puts the fence up.
/// </remarks>
public static class Transaction
{
    /// <summary>Attempts of a transaction that keeps meeting conflicts before the conflict is reported.</summary>
    public const int MaxConflictAttempts = 8;

    /// <summary>Runs <paramref name="items"/> as one transaction; null when it was applied, the per-item reasons when it was cancelled.</summary>
    public static async Task<IReadOnlyList<CancellationReason>?> WriteAsync(IAmazonDynamoDB client, List<TransactWriteItem> items, CancellationToken cancellationToken)
    {
        var fenced = Fenced(items);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = fenced }, cancellationToken).ConfigureAwait(false);
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
                for (var i = items.Count; i < fenced.Count; i++)
                {
                    if (ConditionFailed(reasons, i))
                    {
                        throw new AccountDeletingException();
                    }
                }

                return reasons;
            }
        }
    }

    /// <summary>True when the item at <paramref name="index"/> was cancelled because its condition failed.</summary>
    public static bool ConditionFailed(IReadOnlyList<CancellationReason> reasons, int index) =>
        index < reasons.Count && reasons[index].Code == "ConditionalCheckFailed";

    /// <summary>
    /// <paramref name="items"/> followed by the fence of every user partition they write, in order of first
    /// appearance; a partition whose deletion item is among the items gets none (no two actions on one item).
    /// </summary>
    public static List<TransactWriteItem> Fenced(List<TransactWriteItem> items)
    {
        List<(string Table, string Partition)>? partitions = null;
        List<string>? touchingDeletion = null;
        foreach (var item in items)
        {
            var (table, key) = Target(item);
            if (key is null || !key.TryGetValue(Keys.PartitionKey, out var pk) || pk.S is not { } partition || !Keys.IsUserPartition(partition))
            {
                continue;
            }

            if (key.TryGetValue(Keys.SortKey, out var sk) && sk.S == Keys.AccountDeletion)
            {
                (touchingDeletion ??= []).Add(partition);
            }
            else if (partitions is null || !partitions.Contains((table, partition)))
            {
                (partitions ??= []).Add((table, partition));
            }
        }

        if (partitions is null)
        {
            return items;
        }

        var fenced = new List<TransactWriteItem>(items.Count + partitions.Count);
        fenced.AddRange(items);
        foreach (var (table, partition) in partitions)
        {
            if (touchingDeletion is null || !touchingDeletion.Contains(partition))
            {
                fenced.Add(AccountFence.Check(table, partition));
            }
        }

        return fenced;
    }

    private static (string Table, Dictionary<string, AttributeValue>? Key) Target(TransactWriteItem item) =>
        item.Put is { } put ? (put.TableName, put.Item)
        : item.Update is { } update ? (update.TableName, update.Key)
        : item.Delete is { } delete ? (delete.TableName, delete.Key)
        : item.ConditionCheck is { } check ? (check.TableName, check.Key)
        : (string.Empty, null);

    /// <summary>Cancelled by conditions alone: the caller's answer. Anything else (throttling, conflicts past the retries) is thrown as it came.</summary>
    private static bool IsConditionsOnly(List<CancellationReason> reasons) =>
        reasons.Any(r => r.Code == "ConditionalCheckFailed") && reasons.All(r => r.Code is "ConditionalCheckFailed" or "None" or null);

    private static bool IsConflictOnly(List<CancellationReason>? reasons) =>
        reasons is { Count: > 0 }
        && reasons.Any(r => r.Code == "TransactionConflict")
        && reasons.All(r => r.Code is "TransactionConflict" or "None" or null);
}
