namespace GymCoach.Data.Idempotency;

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyState
{
    /// <summary>The key is ours now: run the request, then complete, release or end the lease of the claim.</summary>
    Started,

    /// <summary>Done before with the same body: replay the stored response.</summary>
    Replay,

    /// <summary>Used before with a different body: 422.</summary>
    Mismatch,

    /// <summary>The first request with this key is still running: 409.</summary>
    InFlight,
}

/// <summary>The state; the claim when it is ours; the stored response for a replay.</summary>
public sealed record IdempotencyOutcome(IdempotencyState State, IdempotencyClaim? Claim = null, StoredResponse? Response = null);
