namespace GymCoach.Data.Limits;

/// <summary>Whether a request may run; when not, how long until the account's window has room again.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter, RateLimit Limit)
{
    public static RateDecision Allow(RateLimit limit) => new(true, TimeSpan.Zero, limit);
}
