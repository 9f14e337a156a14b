namespace GymCoach.Data.Tests;

public sealed class UlidTests
{
    [Fact]
    public void NewId_LaterTime_SortsAfter()
    {
        var earlier = Ulid.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000));
        var later = Ulid.NewId(DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_001));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(Ulid.IsValid(earlier));
        Assert.Equal(26, earlier.Length);
    }

    [Fact]
    public void NewId_SameMillisecond_IsStillUnique()
    {
        var time = DateTimeOffset.UtcNow;

        var ids = Enumerable.Range(0, 1000).Select(_ => Ulid.NewId(time)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, ids.Count);
    }
}
