using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GymCoach.LocalInfra.Streams;

/// <summary>
/// The three DynamoDB Streams calls the event-source emulation needs (DescribeStream, GetShardIterator,
/// GetRecords), spoken as JSON over HTTP: the SDK package this repository builds from ships no Streams client,
/// and DynamoDB Local does not check signatures. Records come back as DynamoDB JSON — the very shape Lambda puts
/// in a stream event — so they are passed on untouched.
/// </summary>
public sealed class StreamsApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _region;

    public StreamsApi(string endpoint, string region)
    {
        _http = new HttpClient { BaseAddress = new Uri(endpoint), Timeout = TimeSpan.FromSeconds(30) };
        _region = region;
    }

    public sealed record Shard(string ShardId, string? ParentShardId, bool Closed);

    public async Task<IReadOnlyList<Shard>> ShardsAsync(string streamArn, CancellationToken cancellationToken)
    {
        var shards = new List<Shard>();
        string? start = null;
        do
        {
            var request = new JsonObject { ["StreamArn"] = streamArn };
            if (start is not null)
            {
                request["ExclusiveStartShardId"] = start;
            }

            var description = (await CallAsync("DescribeStream", request, cancellationToken).ConfigureAwait(false))["StreamDescription"]!;
            foreach (var shard in description["Shards"]!.AsArray())
            {
                shards.Add(new Shard(
                    shard!["ShardId"]!.GetValue<string>(),
                    shard["ParentShardId"]?.GetValue<string>(),
                    shard["SequenceNumberRange"]?["EndingSequenceNumber"] is not null));
            }

            start = description["LastEvaluatedShardId"]?.GetValue<string>();
        }
        while (start is not null);

        return shards;
    }

    /// <summary>An iterator at the shard's oldest record, or just after <paramref name="afterSequenceNumber"/>.</summary>
    public async Task<string?> IteratorAsync(string streamArn, string shardId, string? afterSequenceNumber, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["StreamArn"] = streamArn, ["ShardId"] = shardId, ["ShardIteratorType"] = afterSequenceNumber is null ? "TRIM_HORIZON" : "AFTER_SEQUENCE_NUMBER" };
        if (afterSequenceNumber is not null)
        {
            request["SequenceNumber"] = afterSequenceNumber;
        }

        return (await CallAsync("GetShardIterator", request, cancellationToken).ConfigureAwait(false))["ShardIterator"]?.GetValue<string>();
    }

    /// <summary>Up to <paramref name="limit"/> records and the next iterator (null once a closed shard is read to its end).</summary>
    public async Task<(List<JsonObject> Records, string? Next)> RecordsAsync(string iterator, int limit, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = limit }, cancellationToken).ConfigureAwait(false);
        var records = response["Records"]?.AsArray().Select(r => r!.AsObject()).ToList() ?? [];
        foreach (var record in records)
        {
            record.Parent?.AsArray().Remove(record);
        }

        return (records, response["NextShardIterator"]?.GetValue<string>());
    }

    private async Task<JsonNode> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDBStreams_20120810." + operation);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=local/{DateTime.UtcNow:yyyyMMdd}/{_region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"DynamoDB Streams {operation} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new JsonException($"DynamoDB Streams {operation} answered no JSON.");
    }

    public void Dispose() => _http.Dispose();
}
