using System.Buffers;
using System.Text.Json;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Data.Streams;

/// <summary>
/// A DynamoDB Streams consumer on the function core: reads the batch, hands its records to the handler in
/// order, and answers with a partial batch response (<c>ReportBatchItemFailures</c>): every record from the
/// first one that failed — or that the deadline left unprocessed — on. An unreadable batch is a function
/// error, so Lambda retries (and in the end bisects) it.
/// </summary>
public sealed class DynamoDbStreamFunction : LambdaFunction
{
    private readonly string _name;
    private readonly IStreamRecordHandler? _handler;
    private readonly IStreamBatchHandler? _batchHandler;

    public DynamoDbStreamFunction(string name, IStreamRecordHandler handler, LambdaLogger? logger = null)
        : base(logger)
    {
        _name = name;
        _handler = handler;
    }

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
        var failedFrom = _batchHandler is null
            ? await ApplyEachAsync(records, context).ConfigureAwait(false)
            : await ApplyBatchAsync(records, context).ConfigureAwait(false);
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
            var applied = await _batchHandler!.HandleBatchAsync(records.Take(readable).Select(r => r.Record!).ToList(), context).ConfigureAwait(false);
            return Math.Clamp(applied, 0, readable);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.Write(LogLevel.Error, $"The batch failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}", context.RequestId, context.TraceId);
            return 0;
        }
    }

    private async ValueTask<int> ApplyEachAsync(List<StreamBatchItem> records, InvocationContext context)
    {
        var failedFrom = records.Count;
        for (var i = 0; i < records.Count; i++)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                Logger.Write(LogLevel.Warn, $"Deadline near: {records.Count - i} of {records.Count} records left for a retry, from sequence number {records[i].SequenceNumber}.", context.RequestId, context.TraceId);
                failedFrom = i;
                break;
            }

            if (records[i].Unreadable is { } unreadable)
            {
                Logger.Write(LogLevel.Error, $"Record with sequence number {unreadable.SequenceNumber} cannot be read ({unreadable.Reason}); reported for retry, then the failure destination.", context.RequestId, context.TraceId);
                failedFrom = i;
                break;
            }

            var record = records[i].Record!;
            try
            {
                await _handler!.HandleAsync(record, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Logger.Write(
                    LogLevel.Error,
                    $"Record {record.EventId} (sequence number {record.SequenceNumber}, {record.EventName}) failed: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}",
                    context.RequestId,
                    context.TraceId);
                failedFrom = i;
                break;
            }
        }

        return failedFrom;
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
