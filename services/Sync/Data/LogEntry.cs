namespace GymCoach.Sync.Data;

/// <summary>
/// One entry of a lifter's change log: at <paramref name="Sequence"/>, the item under <paramref name="SortKey"/>
/// was written or removed (<paramref name="Removed"/>) at <paramref name="At"/> (the stream's time of the change,
/// RFC 3339). The entry names the item, not its content: a reader renders what the item is now.
/// </summary>
public sealed record LogEntry(long Sequence, string SortKey, bool Removed, string At);

/// <summary>A change the stream reported, not yet given its place in the log.</summary>
public sealed record ItemChange(string SortKey, bool Removed, DateTimeOffset At);
