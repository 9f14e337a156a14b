using System.Buffers;
using System.Text.Json;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Data.Streams;

/// <summary>
/// A DynamoDB Streams consumer on the function core: reads the batch, hands its readable records to the handler
/// (which applies them through <see cref="PartitionBatch{TKey, TUnit}"/>), and answers with a partial batch
/// response (<c>ReportBatchItemFailures</c>): every record from the first one that failed — or that the deadline
/// left unprocessed, or that could not be read — on. An unreadable batch is a function error, so Lambda retries
/// (and in the end bisects) it.
/// </summary>
public sealed class DynamoDbStreamFunction : LambdaFunction
{
    private readonly string _name;
    private readonly IStreamBatchHandler _batchHandler;

    /// <summary>A consumer that applies the readable records of a batch together (see <see cref="IStreamBatchHandler"/>).</summary>
    public DynamoDbStreamFunction(string name, IStreamBatchHandler handler, LambdaLogger? logger = null)
        : base(logger)
    {
        _name = name;
        _batchHandler = handler;
    }

    protected override async ValueTask<InvocationSummary> InvokeAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        var records = StreamBatchReader.Read(payload);
        var failedFrom = await ApplyBatchAsync(records, context).ConfigureAwait(false);
        Metrics.Add("StreamRecordsProcessed", failedFrom);
        Metrics.Add("StreamRecordsFailed", records.Count - failedFrom);
        WriteResponse(response, records, failedFrom);
        return new InvocationSummary("STREAM", _name, failedFrom == records.Count ? 200 : 207);
    }

    private async ValueTask<int> ApplyBatchAsync(List<StreamBatchItem> records, InvocationContext context)
    {
        var readable = records.FindIndex(r => r.Unreadable is not null);
        if (readable < 0)
        {
            readable = records.Count;
        }
        else
        {
            var unreadable = records[readable].Unreadable!;
            Logger.Write(LogLevel.Error, $"Record with sequence number {unreadable.SequenceNumber} cannot be read ({unreadable.Reason}); it and every later record reported for retry, then the failure destination.", context.RequestId, context.TraceId);
        }

        try
        {
            var applied = await _batchHandler.HandleBatchAsync(records.Take(readable).Select(r => r.Record!).ToList(), context).ConfigureAwait(false);
            return Math.Clamp(applied, 0, readable);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.Write(LogLevel.Error, $"The batch failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}", context.RequestId, context.TraceId);
            return 0;
        }
    }

    private static void WriteResponse(IBufferWriter<byte> response, List<StreamBatchItem> records, int failedFrom)
    {
        using (var writer = new Utf8JsonWriter(response))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("batchItemFailures");
            for (var i = failedFrom; i < records.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("itemIdentifier", records[i].SequenceNumber);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }
}
