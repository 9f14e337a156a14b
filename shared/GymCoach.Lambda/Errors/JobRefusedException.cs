namespace GymCoach.Lambda.Errors;

/// <summary>
/// A job (recompute, export…) refused because the account started one too recently or too often today: answered
/// 429 with Retry-After, the moment the job would be accepted. Its own kind, so the answer can say which limit and
/// when, and the app can offer the button again then.
/// </summary>
public sealed class JobRefusedException(string what, string limit, TimeSpan retryAfter, string message) : DomainException(message)
{
    /// <summary>The job's name ("recompute").</summary>
    public string What { get; } = what;

    /// <summary><c>cooldown</c> or <c>daily-quota</c>.</summary>
    public string Limit { get; } = limit;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
