using System.Text;
using System.Text.Json;
using GymCoach.Data.Streams;
using GymCoach.Lambda.Runtime;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests.Streams;

public sealed class DynamoDbStreamFunctionTests
{
    private static readonly byte[] Batch = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stream-batch.json"));
    private readonly CapturingLogger _log = new();

    [Fact]
    public async Task HandleAsync_AllRecordsSucceed_HandsThemOverInOrderAndReportsNoFailure()
    {
        var handler = new RecordingHandler(_log);

        var response = await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Batch);

        Assert.Equal(["111", "222", "333"], handler.Seen.Select(r => r.SequenceNumber));
        Assert.Equal([StreamEventName.Insert, StreamEventName.Modify, StreamEventName.Remove], handler.Seen.Select(r => r.EventName));
        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
    }

    [Fact]
    public async Task HandleAsync_ImagesOfEveryType_AreReadableByTheItemMappers()
    {
        var handler = new RecordingHandler(_log);

        await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Batch);

        var image = handler.Seen[0].NewImage!;
        Assert.Equal("completed", image.GetString("status"));
        Assert.Equal(1234.5, image.GetDouble("volumeKg"));
        Assert.Equal(12, image.GetLong("sets"));
        Assert.True(image.GetBool("done"));
        Assert.True(image["notes"].NULL);
        Assert.Equal(["legs", "heavy"], image.GetStringList("tags"));
        Assert.Equal(60, image["totals"].M.GetLong("reps"));
        Assert.Equal(["quads", "glutes"], image["totals"].M["muscles"].SS);
        Assert.Equal(["100", "102.5"], image["weights"].NS);
        Assert.Equal([1, 2, 3], image["blob"].B.ToArray());
        Assert.Equal(2, image["blobs"].BS.Count);
        Assert.Equal("USER#u1", handler.Seen[0].Keys.GetString("PK"));
        Assert.Null(handler.Seen[0].OldImage);
        Assert.Equal("completed", handler.Seen[1].OldImage!.GetString("status"));
        Assert.Null(handler.Seen[2].NewImage);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795367171), handler.Seen[0].ApproximateCreationTime);
    }

    [Fact]
    public async Task HandleAsync_SecondRecordFails_ReportsItAndEveryLaterOneAndStopsThere()
    {
        var handler = new RecordingHandler(_log) { FailOn = "222" };

        var response = await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Batch);

        Assert.Equal(["111", "222", "333"], handler.Seen.Select(r => r.SequenceNumber)); // one unit each, in order, one at a time
        Assert.Equal(["222", "333"], response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
        Assert.Contains(_log.Lines, l => l.Contains("ERROR", StringComparison.Ordinal) && l.Contains("record 222 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_DeadlineNears_ReportsTheUnprocessedRecords()
    {
        var handler = new RecordingHandler(_log) { DelayOn = "111" };

        var response = await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Batch, TimeSpan.FromMilliseconds(300));

        Assert.Equal(["111", "222", "333"], response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
    }

    [Fact]
    public async Task HandleAsync_OneInvocation_FlushesItsMetricsAsOneDocumentAndLogsOneLine()
    {
        var handler = new RecordingHandler(_log) { FailOn = "333" };

        await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Batch, coldStart: true);

        var emf = Assert.Single(_log.Lines, l => l.Contains("\"_aws\"", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(emf);
        Assert.Equal(1, document.RootElement.GetProperty("ColdStart").GetDouble());
        Assert.Equal(2, document.RootElement.GetProperty("StreamRecordsProcessed").GetDouble());
        Assert.Equal(1, document.RootElement.GetProperty("StreamRecordsFailed").GetDouble());
        Assert.Single(_log.Lines, l => l.Contains("test-stream", StringComparison.Ordinal) && l.Contains("207", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_UnreadableBatch_IsAFunctionErrorSoLambdaRetriesItAndStillLogsItsLine()
    {
        var function = new DynamoDbStreamFunction("test-stream", new RecordingHandler(_log), _log.Logger);

        await Assert.ThrowsAsync<FormatException>(() => InvokeAsync(function, Encoding.UTF8.GetBytes("""{"Records":[{"eventID":"x"}]}""")));
        Assert.Contains(_log.Lines, l => l.Contains("function error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_OneRecordWithAnUnreadableImage_IsReportedFromItsPlaceOnInsteadOfStallingTheShard()
    {
        var batch = Encoding.UTF8.GetString(Batch).Replace("\"status\": { \"S\": \"edited\" }", "\"status\": { \"X\": \"edited\" }", StringComparison.Ordinal);
        Assert.Contains("\"X\"", batch, StringComparison.Ordinal); // the second record (222) now carries an unknown attribute type
        var handler = new RecordingHandler(_log);

        var response = await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Encoding.UTF8.GetBytes(batch));

        Assert.Equal(["111"], handler.Seen.Select(r => r.SequenceNumber));
        Assert.Equal(["222", "333"], response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()));
    }

    [Fact]
    public async Task HandleAsync_ItemNestedAsDeepAsDynamoDbAllows_IsRead()
    {
        var nested = "{ \"S\": \"leaf\" }";
        for (var i = 0; i < 31; i++)
        {
            nested = "{ \"M\": { \"m\": " + nested + " } }";
        }

        var batch = Encoding.UTF8.GetString(Batch).Replace("\"notes\": { \"NULL\": true }", "\"notes\": " + nested, StringComparison.Ordinal);
        var handler = new RecordingHandler(_log);

        var response = await InvokeAsync(new DynamoDbStreamFunction("test-stream", handler, _log.Logger), Encoding.UTF8.GetBytes(batch));

        Assert.Empty(response.GetProperty("batchItemFailures").EnumerateArray());
        Assert.NotNull(handler.Seen[0].NewImage!["notes"].M);
    }

    private static async Task<JsonElement> InvokeAsync(DynamoDbStreamFunction function, byte[] batch, TimeSpan? timeout = null, bool coldStart = false)
    {
        var remaining = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(DeadlineBudget.WorkTime(remaining, TimeSpan.FromMilliseconds(100)));
        var context = new InvocationContext("req-stream", DateTimeOffset.UtcNow + remaining, null, null, coldStart, cts.Token);
        var buffer = new ReusableBuffer();
        await function.HandleAsync(batch, buffer, context);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    /// <summary>A consumer on the stream kernel with one unit per record, run one at a time: what it saw, in order.</summary>
    private sealed class RecordingHandler(CapturingLogger log) : IStreamBatchHandler
    {
        public List<StreamRecord> Seen { get; } = [];

        public string? FailOn { get; init; }

        public string? DelayOn { get; init; }

        public async ValueTask<int> HandleBatchAsync(IReadOnlyList<StreamRecord> records, InvocationContext context)
        {
            var batch = PartitionBatch<string, StreamRecord?>.Group(records, r => r, r => r.SequenceNumber, _ => null, (_, record) => record, log.Logger);
            return await batch.RunAsync((_, record, token) => ApplyAsync(record!, token), 1, "Record", log.Logger, context.CancellationToken);
        }

        private async Task ApplyAsync(StreamRecord record, CancellationToken cancellationToken)
        {
            if (record.SequenceNumber == DelayOn)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Seen.Add(record);
            if (record.SequenceNumber == FailOn)
            {
                throw new InvalidOperationException("cannot apply");
            }
        }
    }
}
