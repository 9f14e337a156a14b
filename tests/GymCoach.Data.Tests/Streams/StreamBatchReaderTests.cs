using System.Text;
using System.Text.Json;
using GymCoach.Data.Streams;

namespace GymCoach.Data.Tests.Streams;

public sealed class StreamBatchReaderTests
{
    [Fact]
    public void ReadMap_EmptyMapAsDynamoDbLocalWritesIt_IsAnEmptyMap()
    {
        // A session before its first set: {"M":{}} in the table, a bare {} in DynamoDB Local's stream records.
        using var image = JsonDocument.Parse("""{"SK":{"S":"SESSION#1"},"exerciseSets":{},"totalSets":{"N":"0"}}""");

        var item = StreamBatchReader.ReadMap(image.RootElement);

        Assert.NotNull(item["exerciseSets"].M);
        Assert.Empty(item["exerciseSets"].M);
        Assert.Equal("0", item["totalSets"].N);
    }

    [Fact]
    public void Read_RecordWithAnEmptyMapInItsImage_IsReadNotReportedUnreadable()
    {
        var batch = """{"Records":[{"eventID":"1","eventName":"INSERT","dynamodb":{"SequenceNumber":"100","Keys":{"PK":{"S":"USER#a"},"SK":{"S":"SESSION#1"}},"NewImage":{"PK":{"S":"USER#a"},"SK":{"S":"SESSION#1"},"exerciseSets":{}}}}]}""";

        var read = Assert.Single(StreamBatchReader.Read(Encoding.UTF8.GetBytes(batch)));

        Assert.Null(read.Unreadable);
        Assert.Empty(read.Record!.NewImage!["exerciseSets"].M);
    }
}
