using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;

namespace GymCoach.Analytics.Data;

/// <summary>Every page of a Query, for the reads Analytics makes whole (a user's digests, records, a session's sets).</summary>
public static class TableQueries
{
    /// <summary>The items of the user's partition with sort keys from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> RangeAsync(IAmazonDynamoDB client, string table, string userId, string from, string to, CancellationToken cancellationToken) =>
        QueryPages.AllAsync(
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
