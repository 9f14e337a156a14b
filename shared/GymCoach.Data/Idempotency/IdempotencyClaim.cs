namespace GymCoach.Data.Idempotency;

/// <summary>
/// One attempt's hold on an idempotency key. <see cref="Token"/> is unique to the attempt: completing,
/// releasing or ending the claim is conditional on it, so a late first attempt can never overwrite or delete
/// the record of a second attempt that took over after the lease. <see cref="Creation"/> is the same for
/// every attempt of the key, so they all create the same item. <see cref="Attempt"/> counts the claims of the
/// key: only a first attempt may release it.
/// </summary>
public sealed record IdempotencyClaim(string UserId, string Scope, string Key, string Token, Writes.Creation Creation, int Attempt = 1);
