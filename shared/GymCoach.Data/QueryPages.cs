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
}
