using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data;

/// <summary>
/// The newest measurement with a weight, searched page by page through the account's measurements: only for an
/// account without the latest-weight item (<see cref="Keys.LatestWeight"/>), whose measurements predate it. Profiles
/// fills the item from it once; Analytics falls back on it until then.
/// </summary>
public static class NewestWeighIn
{
    public static async Task<Dictionary<string, AttributeValue>?> SearchAsync(IAmazonDynamoDB client, string table, string userId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            FilterExpression = "attribute_exists(weightKg)",
            ExpressionAttributeNames = new() { ["#pk"] = Keys.PartitionKey, ["#sk"] = Keys.SortKey },
            ExpressionAttributeValues = new() { [":pk"] = Attributes.S(Keys.User(userId)), [":prefix"] = Attributes.S(Keys.MeasurementPrefix) },
            ScanIndexForward = false,
            ConsistentRead = true,
        };
        do
        {
            var page = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            if (page.Items?.FirstOrDefault() is { } found)
            {
                return found;
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        return null;
    }
}
