using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Local.Tests;

/// <summary>What the stack creates comes from the template: the table with its GSI and stream, the buckets.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ProvisioningTests(LocalStackFixture local)
{
    [Fact]
    public async Task Table_IsCreatedAsTheTemplateDeclaresIt()
    {
        using var client = local.Stack.Dynamo.CreateClient();

        var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = local.Stack.TableName })).Table;

        Assert.Equal("gymcoach-local", table.TableName);
        Assert.Equal(["PK", "SK"], table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal("GSI1", Assert.Single(table.GlobalSecondaryIndexes).IndexName);
        Assert.True(table.StreamSpecification.StreamEnabled);
        Assert.Equal("NEW_AND_OLD_IMAGES", table.StreamSpecification.StreamViewType.Value);
    }

    [Fact]
    public async Task Buckets_AreCreatedAndTheirNamesReachTheFunctions()
    {
        using var s3 = local.Stack.S3.CreateClient();

        var buckets = await s3.ListBucketsAsync();

        Assert.Contains(buckets.Buckets, b => b.BucketName == "gymcoach-local-probebucket");
        Assert.Equal("gymcoach-local-probebucket", local.Stack.Functions["ProbeFunction"].Spec.Environment["BUCKET_NAME"]);
        Assert.StartsWith("http://127.0.0.1:", local.Stack.Functions["ProbeFunction"].Spec.Environment["AWS_ENDPOINT_URL_S3"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_GetTheTemplateEnvironmentResolvedLocally()
    {
        using var response = await local.Http.SendAsync(local.Request(HttpMethod.Get, "/probe/ok"));
        var environment = local.Stack.Functions["ProfilesFunction"].Spec.Environment;

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gymcoach-local", environment["TABLE_NAME"]);
        Assert.Equal("profiles", environment["SERVICE_NAME"]);
        Assert.Equal("JSON", environment["AWS_LAMBDA_LOG_FORMAT"]);
        Assert.Equal("bootstrap", environment["_HANDLER"]);
        Assert.Equal("512", environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]);
        Assert.True(environment["CURSOR_SIGNING_KEY"].Length >= 32, "the stack's generated secret, resolved locally");
        Assert.DoesNotContain("{{resolve", environment["CURSOR_SIGNING_KEY"], StringComparison.Ordinal);
        Assert.Equal("10", environment["FUNCTION_TIMEOUT_SECONDS"]);
        _ = await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
