namespace GymCoach.Data.Streams;

/// <summary>A record of the batch as read: the record, or why it could not be read (with its sequence number, to report it).</summary>
public readonly record struct StreamBatchItem(StreamRecord? Record, UnreadableRecord? Unreadable)
{
    public string SequenceNumber => Record?.SequenceNumber ?? Unreadable!.SequenceNumber;
}

/// <summary>A stream record whose keys or images could not be converted.</summary>
public sealed record UnreadableRecord(string SequenceNumber, string Reason);
