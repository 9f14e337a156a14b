using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data;

/// <summary>Every item a Query matches, page after page: for the reads that need all of a bounded set (a library, a lifter's own exercises).</summary>
public static class QueryPages
{
    public static async Task<List<Dictionary<string, AttributeValue>>> AllAsync(IAmazonDynamoDB client, QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>Every item of the user whose sort key starts with <paramref name="prefix"/> (strongly consistent unless told; keys only if asked).</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> PrefixAsync(
        IAmazonDynamoDB client, string table, string userId, string prefix, CancellationToken cancellationToken, bool keysOnly = false, bool consistent = true) =>
        AllAsync(
            client,
            new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(prefix) },
                ProjectionExpression = keysOnly ? "#pk, #sk" : null,
                ConsistentRead = consistent,
            },
            cancellationToken);
}
