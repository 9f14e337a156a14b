using Amazon.DynamoDBv2;
using Amazon.Runtime;
using GymCoach.Lambda.Functions;

namespace GymCoach.Data;

/// <summary>
/// Counts the DynamoDB calls each invocation makes, into its one EMF document: <c>DynamoDbRequests</c> in all
/// and one <c>DynamoDb{Operation}</c> per operation. "How many requests does this route cost" is then read off
/// the metrics of real invocations rather than asserted. Attach it to a client only one function uses (the
/// process's own client in Lambda): the counts go to that function's current invocation.
/// </summary>
public static class DynamoDbRequestMetrics
{
    public const string Total = "DynamoDbRequests";

    public static void CountInto(IAmazonDynamoDB client, InvocationMetrics metrics)
    {
        if (client is not AmazonServiceClient service)
        {
            return;
        }

        service.BeforeRequestEvent += (_, e) =>
        {
            metrics.Add(Total, 1);
            if (e is WebServiceRequestEventArgs { Request: { } request })
            {
                metrics.Add(NameOf(request), 1);
            }
        };
    }

    /// <summary><c>DynamoDbPutItem</c> for a <c>PutItemRequest</c>.</summary>
    public static string NameOf(AmazonWebServiceRequest request)
    {
        var name = request.GetType().Name;
        return "DynamoDb" + (name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name);
    }
}
