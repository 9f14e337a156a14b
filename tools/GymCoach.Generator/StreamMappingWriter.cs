using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;
using static GymCoach.Generator.TemplateJson;

namespace GymCoach.Generator;

/// <summary>A stream consumer's mappings as SAM <c>DynamoDB</c> events, with their filter patterns written from the declared filters.</summary>
internal static class StreamMappingWriter
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Event(StreamSubscription subscription, string failureQueue) => new()
    {
        ["Type"] = "DynamoDB",
        ["Properties"] = new JsonObject
        {
            ["Stream"] = GetAtt("Table", "StreamArn"),
            ["StartingPosition"] = "TRIM_HORIZON",
            ["BatchSize"] = subscription.BatchSize,
            ["MaximumBatchingWindowInSeconds"] = subscription.BatchingWindowSeconds,
            ["ParallelizationFactor"] = subscription.ParallelizationFactor,
            ["BisectBatchOnFunctionError"] = true,
            ["MaximumRetryAttempts"] = subscription.KeepsEveryRecord ? -1 : 5,
            ["MaximumRecordAgeInSeconds"] = subscription.KeepsEveryRecord ? -1 : 86400,
            ["FunctionResponseTypes"] = Strings(["ReportBatchItemFailures"]),
            ["DestinationConfig"] = new JsonObject
            {
                ["OnFailure"] = new JsonObject { ["Type"] = "SQS", ["Destination"] = GetAtt(failureQueue, "Arn") },
            },
            ["FilterCriteria"] = new JsonObject
            {
                ["Filters"] = new JsonArray(subscription.Filters.Select(f => (JsonNode)new JsonObject { ["Pattern"] = Pattern(f) }).ToArray()),
            },
        },
    };

    /// <summary>The EventBridge-style pattern of one filter, as the compact JSON text Lambda expects.</summary>
    public static string Pattern(StreamFilter filter)
    {
        var pattern = new JsonObject();
        if (filter.EventNames.Count > 0)
        {
            pattern["eventName"] = Strings(filter.EventNames);
        }

        var record = new JsonObject();
        var image = new JsonObject();
        if (filter.Entities.Count > 0)
        {
            image["entity"] = new JsonObject { ["S"] = Strings(filter.Entities) };
        }

        if (filter.Statuses.Count > 0)
        {
            image["status"] = new JsonObject { ["S"] = Strings(filter.Statuses) };
        }

        if (image.Count > 0)
        {
            record[filter.Image == StreamImage.New ? "NewImage" : "OldImage"] = image;
        }

        if (filter.SortKey is not null || filter.SortKeyPrefix is not null)
        {
            JsonNode match = filter.SortKeyPrefix is { } prefix ? new JsonObject { ["prefix"] = prefix } : JsonValue.Create(filter.SortKey)!;
            record["Keys"] = new JsonObject { ["SK"] = new JsonObject { ["S"] = new JsonArray(match) } };
        }

        if (record.Count == 0 && pattern.Count == 0)
        {
            throw new InvalidOperationException("A stream filter that matches every record is no filter: name an entity, a status or a key.");
        }

        if (record.Count > 0)
        {
            pattern["dynamodb"] = record;
        }

        return pattern.ToJsonString(Compact);
    }
}
