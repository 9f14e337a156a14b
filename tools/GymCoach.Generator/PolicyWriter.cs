using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;
using static GymCoach.Generator.TemplateJson;

namespace GymCoach.Generator;

/// <summary>A function's grants as one IAM policy document (one statement per grant, in declaration order).</summary>
internal static class PolicyWriter
{
    public const string Table = "Table";
    public const string Bucket = "MediaBucket";

    public static JsonArray Policies(IReadOnlyList<Grant> grants) =>
        [new JsonObject { ["Statement"] = new JsonArray(grants.Select(Statement).ToArray()) }];

    private static JsonNode Statement(Grant grant) => grant switch
    {
        Grant.Table table => new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = Strings(table.Actions),
            ["Resource"] = new JsonArray(table.OnIndexes ? Sub($"${{{Table}.Arn}}/index/*") : GetAtt(Table, "Arn")),
            ["Condition"] = new JsonObject
            {
                ["ForAllValues:StringLike"] = new JsonObject { ["dynamodb:LeadingKeys"] = Strings(Fenced(table.LeadingKeys)) },
                // ForAllValues passes a request with no key at all (a Scan); this refuses it.
                ["Null"] = new JsonObject { ["dynamodb:LeadingKeys"] = "false" },
            },
        },
        Grant.BucketObjects objects => new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = Strings(objects.Actions),
            ["Resource"] = new JsonArray(Sub($"${{{Bucket}.Arn}}/{objects.KeyPattern}")),
        },
        Grant.BucketListing listing => new JsonObject
        {
            ["Effect"] = "Allow",
            ["Action"] = Strings(["s3:ListBucket"]),
            ["Resource"] = new JsonArray(GetAtt(Bucket, "Arn")),
            ["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["s3:prefix"] = Strings(listing.Prefixes) } },
        },
        _ => throw new InvalidOperationException($"No policy statement for {grant.GetType().Name}."),
    };

    private static IReadOnlyList<string> Fenced(IReadOnlyList<string> leadingKeys) =>
        leadingKeys.Count > 0 && leadingKeys.All(k => k.Length > 1 && k != "*")
            ? leadingKeys
            : throw new InvalidOperationException("A table grant names the partitions it may touch (e.g. USER#*), never all of them.");
}
