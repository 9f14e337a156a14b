namespace GymCoach.Sync.Data;

/// <summary>
/// Where a lifter's change log stands: its newest sequence and its epoch. A log begins a new epoch (sequences from
/// 1 again) when its head is gone: the account was deleted and its id used again, or no change came for longer
/// than the log keeps entries. A position of another epoch cannot be continued: the device starts again.
/// </summary>
/// <param name="Sequence">The newest sequence (0: nothing logged in this epoch).</param>
/// <param name="Epoch">The epoch's id (a ULID), or <see cref="None"/> while the lifter has no live log (never handed to a device: a reader starts one first).</param>
public sealed record LogHead(long Sequence, string Epoch)
{
    /// <summary>The epoch of a lifter who has no live log.</summary>
    public const string None = "0";

    public static readonly LogHead Empty = new(0, None);
}
