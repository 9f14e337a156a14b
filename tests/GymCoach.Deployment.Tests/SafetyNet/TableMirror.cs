using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>
/// The whole table as the safety net last saw it, kept current without reading the whole table again after every
/// request: the service's client records the key of every item a request could have written (puts, updates,
/// deletes, transactions, batches, whatever their outcome), and only those items are read back. Whether a
/// refused request changed anything is then known from a few reads instead of a scan of a table that grows with
/// every accepted case (a scan after each of 2,000 cases per route was most of the test run). A final scan
/// (<see cref="AssertEqualsTableAsync"/>) proves nothing was written past the recorder.
/// </summary>
internal sealed class TableMirror
{
    private readonly IAmazonDynamoDB _reader;
    private readonly string _table;
    private readonly ConcurrentQueue<string> _written = new();
    private readonly ConcurrentQueue<string> _unreadable = new();
    private readonly ConcurrentQueue<string> _unfenced = new();
    private readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);

    private TableMirror(IAmazonDynamoDB reader, string table)
    {
        _reader = reader;
        _table = table;
        Recorder = new FaultInjectingHandler { ThrottleWhere = Record };
    }

    /// <summary>The handler the service's DynamoDB client must send through (it fails nothing; it records keys).</summary>
    public FaultInjectingHandler Recorder { get; }

    /// <summary>A mirror of <paramref name="table"/>, read through <paramref name="reader"/> (a client that does not record).</summary>
    public static TableMirror For(IAmazonDynamoDB reader, string table) => new(reader, table);

    /// <summary>Takes the whole table as it is now as the mirror's state.</summary>
    public async Task LoadAsync()
    {
        _items.Clear();
        foreach (var (key, item) in await ScanAsync())
        {
            _items[key] = item;
        }

        _written.Clear();
    }

    /// <summary>The items written since the last call whose stored state is not the mirror's, as "key: before → after".</summary>
    public async Task<List<(string Key, string? Item, string Description)>> ChangesAsync()
    {
        Assert.True(_unreadable.IsEmpty, $"the service sent {string.Join(", ", _unreadable)}, whose writes the safety net cannot follow: teach TableMirror to read them");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (_written.TryDequeue(out var key))
        {
            keys.Add(key);
        }

        var changes = new List<(string, string?, string)>();
        foreach (var key in keys)
        {
            var (pk, sk) = Split(key);
            var response = await _reader.GetItemAsync(new GetItemRequest
            {
                TableName = _table,
                ConsistentRead = true,
                Key = new() { [Keys.PartitionKey] = new AttributeValue { S = pk }, [Keys.SortKey] = new AttributeValue { S = sk } },
            });
            var now = response.Item is { Count: > 0 } item ? StoredItemText.Describe(item) : null;
            var before = _items.GetValueOrDefault(key);
            if (now != before)
            {
                changes.Add((key, now, $"{key}: {before ?? "(none)"} → {now ?? "(deleted)"}"));
            }
        }

        return changes;
    }

    /// <summary>Makes <paramref name="changes"/> (an accepted request's) part of the mirror.</summary>
    public void Accept(IEnumerable<(string Key, string? Item, string Description)> changes)
    {
        foreach (var (key, item, _) in changes)
        {
            if (item is null)
            {
                _items.Remove(key);
            }
            else
            {
                _items[key] = item;
            }
        }
    }

    /// <summary>Scans the whole table and fails unless it is exactly the mirror: nothing changed that the recorder did not see.</summary>
    public async Task AssertEqualsTableAsync()
    {
        var table = await ScanAsync();
        var missing = _items.Where(i => table.GetValueOrDefault(i.Key) != i.Value).Select(i => i.Key).ToList();
        var unexpected = table.Keys.Where(k => !_items.ContainsKey(k)).ToList();
        Assert.True(
            missing.Count == 0 && unexpected.Count == 0,
            $"the table changed past the recorder: {missing.Count} mirrored items differ or are gone ({string.Join(", ", missing.Take(5))}), {unexpected.Count} unknown items ({string.Join(", ", unexpected.Take(5))})");
    }

    private async Task<Dictionary<string, string>> ScanAsync()
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _reader.ScanAsync(new ScanRequest { TableName = _table, ConsistentRead = true, ExclusiveStartKey = start });
            foreach (var item in page.Items ?? [])
            {
                items[item[Keys.PartitionKey].S + "\n" + item[Keys.SortKey].S] = StoredItemText.Describe(item);
            }

            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }

    /// <summary>
    /// Writes of a user's data that went past the account-deletion fence: a put or update of a user's partition
    /// outside a transaction that checks the deletion item (see <c>AccountFence</c>). Left outside by design:
    /// batch deletes and idempotency records (<see cref="FenceExempt"/>).
    /// </summary>
    public IReadOnlyCollection<string> UnfencedWrites => _unfenced;

    /// <summary>Sort-key prefixes whose writes may go without the fence (each bounded in time; see <c>FencedWrites</c>).</summary>
    public static readonly string[] FenceExempt = [Keys.IdempotencyPrefix];

    /// <summary>Records the keys a request names as written; never throttles.</summary>
    private bool Record(string target, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        AuditFence(target, root);
        switch (target)
        {
            case "PutItem":
                Add(root.GetProperty("Item"));
                break;
            case "UpdateItem" or "DeleteItem":
                Add(root.GetProperty("Key"));
                break;
            case "TransactWriteItems":
                foreach (var entry in root.GetProperty("TransactItems").EnumerateArray())
                {
                    foreach (var operation in entry.EnumerateObject())
                    {
                        if (operation.Value.TryGetProperty("Item", out var item))
                        {
                            Add(item);
                        }
                        else if (operation.Name != "ConditionCheck")
                        {
                            Add(operation.Value.GetProperty("Key"));
                        }
                    }
                }

                break;
            case "ExecuteStatement" or "ExecuteTransaction" or "BatchExecuteStatement":
                // PartiQL names its keys in statement text: a write this mirror cannot follow is a failure, not a pass.
                _unreadable.Enqueue(target);
                break;
            case "BatchWriteItem":
                foreach (var table in root.GetProperty("RequestItems").EnumerateObject())
                {
                    foreach (var write in table.Value.EnumerateArray())
                    {
                        Add(write.TryGetProperty("PutRequest", out var put) ? put.GetProperty("Item") : write.GetProperty("DeleteRequest").GetProperty("Key"));
                    }
                }

                break;
        }

        return false;
    }

    private void AuditFence(string target, JsonElement root)
    {
        switch (target)
        {
            case "PutItem" or "UpdateItem":
                var key = target == "PutItem" ? root.GetProperty("Item") : root.GetProperty("Key");
                var (pk, sk) = KeyOf(key);
                if (NeedsFence(pk, sk))
                {
                    _unfenced.Enqueue($"{target} {sk}");
                }

                break;
            case "BatchWriteItem":
                foreach (var table in root.GetProperty("RequestItems").EnumerateObject())
                {
                    foreach (var write in table.Value.EnumerateArray())
                    {
                        if (write.TryGetProperty("PutRequest", out var put) && KeyOf(put.GetProperty("Item")) is var (ppk, psk) && NeedsFence(ppk, psk))
                        {
                            _unfenced.Enqueue($"BatchWriteItem put {psk}");
                        }
                    }
                }

                break;
            case "TransactWriteItems":
                var checks = new HashSet<string>(StringComparer.Ordinal);
                var writes = new List<(string Pk, string Sk)>();
                foreach (var entry in root.GetProperty("TransactItems").EnumerateArray())
                {
                    foreach (var operation in entry.EnumerateObject())
                    {
                        var (opk, osk) = KeyOf(operation.Value.TryGetProperty("Item", out var item) ? item : operation.Value.GetProperty("Key"));
                        if (osk == Keys.AccountDeletion)
                        {
                            checks.Add(opk); // the fence itself, or the deletion's own start
                        }
                        else if (operation.Name != "ConditionCheck")
                        {
                            writes.Add((opk, osk));
                        }
                    }
                }

                foreach (var (wpk, wsk) in writes)
                {
                    if (Keys.IsUserPartition(wpk) && !checks.Contains(wpk))
                    {
                        _unfenced.Enqueue($"TransactWriteItems {wsk}");
                    }
                }

                break;
        }
    }

    private static bool NeedsFence(string pk, string sk) =>
        Keys.IsUserPartition(pk) && sk != Keys.AccountDeletion && !FenceExempt.Any(p => sk.StartsWith(p, StringComparison.Ordinal));

    private static (string Pk, string Sk) KeyOf(JsonElement key) =>
        (key.GetProperty(Keys.PartitionKey).GetProperty("S").GetString()!, key.GetProperty(Keys.SortKey).GetProperty("S").GetString()!);

    private void Add(JsonElement key) =>
        _written.Enqueue(key.GetProperty(Keys.PartitionKey).GetProperty("S").GetString() + "\n" + key.GetProperty(Keys.SortKey).GetProperty("S").GetString());

    private static (string Pk, string Sk) Split(string key)
    {
        var i = key.IndexOf('\n', StringComparison.Ordinal);
        return (key[..i], key[(i + 1)..]);
    }
}
