using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data;

/// <summary>One page of a sort-key range of one partition, newest (highest key) first: every dated list of a user.</summary>
public static class RangePages
{
    public static async Task<(List<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue>? LastKey)> NewestFirstAsync(
        IAmazonDynamoDB client, string table, string partition, string from, string to, int limit, Dictionary<string, AttributeValue>? startKey, CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(
            new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = Attributes.S(partition), [":from"] = Attributes.S(from), [":to"] = Attributes.S(to) },
                ScanIndexForward = false,
                Limit = limit,
                ExclusiveStartKey = startKey,
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Items ?? [], response.LastEvaluatedKey is { Count: > 0 } last ? last : null);
    }
}
