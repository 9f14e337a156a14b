using System.Globalization;

namespace GymCoach.Measure;

/// <summary>
/// A cgroup-v1 cpu group with a CFS quota in proportion to a Lambda memory size: Lambda gives a function
/// CPU in proportion to its memory, one vCPU at 1,769 MB. Measurements move a bootstrap into it once its init
/// is done (its first GET next), as Lambda's published init durations suggest init itself is not throttled.
/// </summary>
internal sealed class CpuCgroup
{
    public const int FullCoreMemoryMb = 1769;
    public const int PeriodMicroseconds = 20_000;

    private readonly string _path;

    private CpuCgroup(string path, int quota)
    {
        _path = path;
        QuotaMicroseconds = quota;
    }

    public int QuotaMicroseconds { get; }

    /// <summary>The group for <paramref name="memoryMb"/>, or null where no cpu cgroup is writable (not root, cgroup v2 only).</summary>
    public static CpuCgroup? TryCreate(string name, int memoryMb)
    {
        var quota = Math.Max(1000, (int)((long)memoryMb * PeriodMicroseconds / FullCoreMemoryMb));
        try
        {
            var path = Path.Combine("/sys/fs/cgroup/cpu", name);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "cpu.cfs_period_us"), PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(path, "cpu.cfs_quota_us"), quota.ToString(CultureInfo.InvariantCulture));
            return new CpuCgroup(path, quota);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Moves the process <paramref name="pid"/> with all its threads into the group (threads it starts later follow).</summary>
    public void Add(int pid) => File.WriteAllText(Path.Combine(_path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

}
