namespace GymCoach.TestSupport;

/// <summary>A clock tests move by hand, so leases and expiries pass without waiting.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public ManualClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now = Now.Add(by);
}
