using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;

namespace GymCoach.Analytics.Data;

/// <summary>Every page of a Query, for the reads Analytics makes whole (a user's digests, records, a session's sets).</summary>
public static class TableQueries
{
    public static async Task<List<Dictionary<string, AttributeValue>>> AllAsync(IAmazonDynamoDB client, QueryRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    /// <summary>The items of the user's partition whose sort key starts with <paramref name="prefix"/>.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> PrefixAsync(IAmazonDynamoDB client, string table, string userId, string prefix, CancellationToken cancellationToken, bool keysOnly = false, bool consistent = true) =>
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

    /// <summary>The items of the user's partition with sort keys from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> RangeAsync(IAmazonDynamoDB client, string table, string userId, string from, string to, CancellationToken cancellationToken) =>
        AllAsync(
            client,
            new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":from"] = Attributes.S(from), [":to"] = Attributes.S(to) },
            },
            cancellationToken);
}
