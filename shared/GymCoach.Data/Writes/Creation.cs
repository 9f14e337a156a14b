using System.Security.Cryptography;
using System.Text;

namespace GymCoach.Data.Writes;

/// <summary>
/// The identity and timestamp a create gives the item it makes. A create that may be attempted more than once
/// (an <c>Idempotency-Key</c> retried by the phone, an SDK retry after a lost response) takes its identity from
/// the claim rather than from a fresh random id, so every attempt names the same item and a conditional put
/// can tell "already made by an earlier attempt of mine" from "new".
/// </summary>
public readonly record struct Creation(string Id, DateTimeOffset At)
{
    /// <summary>A one-off create: a fresh time-sortable id.</summary>
    public static Creation New(DateTimeOffset now) => new(Ulid.NewId(now), now);

    /// <summary>
    /// The create that belongs to one idempotency key of one user on one route: its id is derived from those
    /// three and from the time the key was first claimed, so it is the same on every attempt.
    /// </summary>
    public static Creation ForKey(string userId, string scope, string key, DateTimeOffset firstClaimedAt)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', userId, scope, key)), digest);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(firstClaimedAt.ToUnixTimeMilliseconds());
        return new Creation(Ulid.FromParts(at, digest), at);
    }
}
