using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;


namespace GymCoach.TestSupport;

/// <summary>Reads what is really on the server, bypassing every cache and code path under test.</summary>
public static class StoredItems
{
    /// <summary>Every item in <paramref name="sub"/>'s partition whose sort key starts with <paramref name="prefix"/> (empty: all of them).</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> QueryAsync(IAmazonDynamoDB client, string table, string sub, string prefix) =>
        PartitionAsync(client, table, "USER#" + sub, prefix);

    /// <summary>Every item of the partition <paramref name="partitionKey"/> whose sort key starts with <paramref name="prefix"/> (empty: all of them).</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> PartitionAsync(IAmazonDynamoDB client, string table, string partitionKey, string prefix)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = prefix.Length == 0 ? "PK = :pk" : "PK = :pk AND begins_with(SK, :prefix)",
                ExpressionAttributeValues = prefix.Length == 0
                    ? new() { [":pk"] = new AttributeValue { S = partitionKey } }
                    : new() { [":pk"] = new AttributeValue { S = partitionKey }, [":prefix"] = new AttributeValue { S = prefix } },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            });
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }
}
