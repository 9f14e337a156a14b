namespace GymCoach.Sync.Domain;

/// <summary>Where a device's sync stands: inside the first full read (a snapshot), or at a place in the change log.</summary>
public abstract record SyncPosition
{
    private SyncPosition()
    {
    }

    /// <summary>
    /// A snapshot under way: the log's head as it was before its first page (<paramref name="Head"/> in
    /// <paramref name="Epoch"/>, where the device continues once the snapshot ends, so changes made meanwhile come
    /// again) and the sort key of the last item it covered (null: from the start; null head: not read yet).
    /// </summary>
    public sealed record Snapshot(long? Head, string? Epoch, string? After) : SyncPosition;

    /// <summary>Every change up to <paramref name="Sequence"/> of the log's <paramref name="Epoch"/> has been delivered.</summary>
    public sealed record Log(long Sequence, string Epoch) : SyncPosition;
}
