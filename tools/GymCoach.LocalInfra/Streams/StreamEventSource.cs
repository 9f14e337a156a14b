using System.Text.Json;

namespace GymCoach.LocalInfra.Streams;

/// <summary>The settings of a template's <c>Type: DynamoDB</c> event that the emulation honours.</summary>
public sealed record StreamEventSource(
    string EventName,
    int BatchSize,
    bool BisectBatchOnFunctionError,
    int MaximumRetryAttempts,
    bool ReportBatchItemFailures,
    EventFilter Filter,
    string? FailureDestination)
{
    /// <summary>Reads the event's properties; the destination is named by the logical id its <c>Fn::GetAtt</c> points at.</summary>
    public static StreamEventSource FromTemplate(string eventName, JsonElement properties)
    {
        var patterns = properties.TryGetProperty("FilterCriteria", out var criteria)
            ? criteria.GetProperty("Filters").EnumerateArray().Select(f => f.GetProperty("Pattern").GetString()!).ToList()
            : [];
        string? destination = null;
        if (properties.TryGetProperty("DestinationConfig", out var config) && config.TryGetProperty("OnFailure", out var onFailure)
            && onFailure.GetProperty("Destination") is { ValueKind: JsonValueKind.Object } target && target.TryGetProperty("Fn::GetAtt", out var getAtt))
        {
            destination = getAtt[0].GetString();
        }

        return new StreamEventSource(
            eventName,
            properties.TryGetProperty("BatchSize", out var size) ? size.GetInt32() : 100,
            properties.TryGetProperty("BisectBatchOnFunctionError", out var bisect) && bisect.GetBoolean(),
            properties.TryGetProperty("MaximumRetryAttempts", out var retries) ? retries.GetInt32() : -1,
            properties.TryGetProperty("FunctionResponseTypes", out var types) && types.EnumerateArray().Any(t => t.GetString() == "ReportBatchItemFailures"),
            new EventFilter(patterns),
            destination);
    }
}

/// <summary>One invoke of the consumer as the mapping sees it: whether it failed as a function, and what it answered.</summary>
public sealed record StreamInvokeResult(bool FunctionError, byte[] Payload);

/// <summary>A batch that kept failing, as Lambda sends it to the on-failure destination (the batch's coordinates, not its records).</summary>
public sealed record FailedBatch(string Destination, string ShardId, string StartSequenceNumber, string EndSequenceNumber, int BatchSize, int InvokeCount, string Condition, string Json);
