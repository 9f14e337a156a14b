using GymCoach.Data;
using GymCoach.Data.Caching;
using GymCoach.Lambda.Errors;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>
/// Account deletion: starts it (one per user; a repeated request is answered with the running one) and reports
/// on it while it runs. The jobs function does the deleting (<see cref="AccountDeletion"/>).
/// </summary>
public sealed class AccountService
{
    private readonly DeletionRepository _deletions;
    private readonly ProfileRepository _profiles;
    private readonly PhotoRepository _photos;
    private readonly IEntityCache<Profile> _cache;
    private readonly TimeSpan _settle;
    private readonly TimeProvider _time;

    public AccountService(DeletionRepository deletions, ProfileRepository profiles, PhotoRepository photos, IEntityCache<Profile> cache, TimeSpan settle, TimeProvider time)
    {
        _deletions = deletions;
        _profiles = profiles;
        _photos = photos;
        _cache = cache;
        _settle = settle;
        _time = time;
    }

    /// <summary>
    /// Starts deleting everything the user owns. A profile must be named by its current ETag (If-Match: 412 when
    /// stale); an account without one (workouts but no profile yet) has no ETag to send, and any If-Match does.
    /// </summary>
    public async Task<(AccountDeletion Deletion, bool Started)> DeleteAsync(string userId, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        if (precondition.Kind is not (PreconditionKind.Version or PreconditionKind.AnyExisting))
        {
            throw new ConcurrencyConflictException(WritePrecondition.Blind, "Deleting the account needs the profile's ETag in If-Match.");
        }

        var now = _time.GetUtcNow();
        var running = await _deletions.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (running is not null)
        {
            // A deletion whose segment was lost (dead-lettered after its retries) has not moved for long: asking
            // again starts it again, from where it got to.
            return running.UpdatedAt < now - AccountDeletion.StalledAfter
                && await _deletions.RestartAsync(userId, running, now, cancellationToken).ConfigureAwait(false) is { } restarted
                ? (restarted, false)
                : (running, false);
        }

        var profile = await _profiles.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        if (profile is not null && precondition.Kind != PreconditionKind.Version)
        {
            throw new ConcurrencyConflictException(WritePrecondition.Blind, "Deleting the account needs the profile's ETag in If-Match, not '*'.");
        }

        // Sweeping goes on until nothing that started before the deletion can still write: an Analytics update in
        // flight, and a photo upload whose URL was handed out before (no new one is handed out from now on).
        var settle = _settle;
        if (await _photos.LatestOpenUploadAsync(userId, now, cancellationToken).ConfigureAwait(false) is { } closes && closes + PhotoService.UploadGrace - now > settle)
        {
            settle = closes + PhotoService.UploadGrace - now;
        }

        var result = await _deletions.StartAsync(userId, AccountDeletion.New(GymCoach.Data.Ulid.NewId(now), now, settle), precondition, profile is not null, cancellationToken).ConfigureAwait(false);
        _cache.Invalidate(CacheKey.ForUser(userId, CacheSettings.Profile.Entity));
        return result;
    }

    /// <summary>The running deletion; null when none runs (none was asked for, or it has finished: nothing of the account is left).</summary>
    public Task<AccountDeletion?> GetDeletionAsync(string userId, CancellationToken cancellationToken) =>
        _deletions.GetAsync(userId, cancellationToken);
}
