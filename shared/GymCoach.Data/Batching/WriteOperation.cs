using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Batching;

/// <summary>One put or delete in a batch write.</summary>
public sealed record WriteOperation
{
    private WriteOperation(ItemKey key, Dictionary<string, AttributeValue>? item)
    {
        Key = key;
        Item = item;
    }

    public ItemKey Key { get; }

    /// <summary>The item to put; null for a delete.</summary>
    public Dictionary<string, AttributeValue>? Item { get; }

    public static WriteOperation Put(Dictionary<string, AttributeValue> item) => new(ItemKey.From(item), item);

    public static WriteOperation Delete(ItemKey key) => new(key, null);

    internal WriteRequest ToRequest() => Item is not null
        ? new WriteRequest { PutRequest = new PutRequest { Item = Item } }
        : new WriteRequest { DeleteRequest = new DeleteRequest { Key = Key.ToAttributes() } };

    internal static ItemKey KeyOf(WriteRequest request) =>
        request.PutRequest is { } put ? ItemKey.From(put.Item) : ItemKey.From(request.DeleteRequest.Key);
}
