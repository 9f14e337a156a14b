namespace GymCoach.Lambda.Runtime;

/// <summary>
/// .NET cannot see the memory Lambda gives a function (it reads the host's), so without a hard limit the GC
/// lets the heap grow past the sandbox and the process is killed instead of collecting.
/// </summary>
public static class MemoryLimit
{
    /// <summary>Share of the function's memory the managed heap may use; the rest is native code, stacks and buffers.</summary>
    public const double HeapShare = 0.8;

    /// <summary>Sets the GC heap hard limit from the function's memory size; returns the limit applied, in bytes.</summary>
    public static ulong? Apply(int? memorySizeMb)
    {
        if (memorySizeMb is not > 0)
        {
            return null;
        }

        var limit = (ulong)(memorySizeMb.Value * 1024L * 1024L * HeapShare);
        AppContext.SetData("GCHeapHardLimit", limit);
        GC.RefreshMemoryLimit();
        return limit;
    }
}
