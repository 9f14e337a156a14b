using System.Text;
using GymCoach.Data;

namespace GymCoach.TestSupport;

/// <summary>
/// A DynamoDB Streams event of bare keys (what a consumer that re-reads current state needs), numbered in order:
/// record i has sequence number <c>firstSequence + i</c>, its <c>itemIdentifier</c> in a partial-failure answer.
/// </summary>
public static class StreamEvents
{
    public static byte[] Keys(IEnumerable<(string UserId, string SortKey)> records, string eventName = "MODIFY", int firstSequence = 1)
    {
        var json = new StringBuilder("{\"Records\":[");
        json.AppendJoin(',', records.Select((r, i) =>
            $$$"""{"eventID":"e{{{firstSequence + i}}}","eventName":"{{{eventName}}}","dynamodb":{"Keys":{"PK":{"S":"{{{GymCoach.Data.Keys.User(r.UserId)}}}"},"SK":{"S":"{{{r.SortKey}}}"}},"SequenceNumber":"{{{firstSequence + i}}}"}}"""));
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }
}
