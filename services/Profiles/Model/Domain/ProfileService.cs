using GymCoach.Data.Caching;
using GymCoach.Data;
using GymCoach.Lambda.Errors;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>
/// Profile use cases: read mine (through the per-user cache), create-or-replace mine under optimistic
/// concurrency (writing the new version through to the cache).
/// </summary>
public sealed class ProfileService
{
    private readonly ProfileRepository _repository;
    private readonly IEntityCache<Profile> _cache;
    private readonly TimeProvider _time;

    public ProfileService(ProfileRepository repository, IEntityCache<Profile> cache, TimeProvider time)
    {
        _repository = repository;
        _cache = cache;
        _time = time;
    }

    public ValueTask<Profile> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var key = CacheKeyFor(userId);
        return _cache.TryGet(key, out var cached) ? ValueTask.FromResult(cached!) : LoadAsync(key, userId, cancellationToken);
    }

    private async ValueTask<Profile> LoadAsync(CacheKey key, string userId, CancellationToken cancellationToken) =>
        await _cache.GetOrLoadAsync(key, _ => _repository.GetAsync(userId, cancellationToken)).ConfigureAwait(false)
        ?? throw new NotFoundException("No profile exists yet; create it with PUT /profiles/me.");

    /// <summary>
    /// Creates or replaces the profile in the state <paramref name="precondition"/> allows; otherwise a
    /// <see cref="ConcurrencyConflictException"/> (412, or 428 for a blind replace of an existing profile).
    /// </summary>
    public async Task<(Profile Profile, bool Created)> PutAsync(string userId, ProfileInput input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fields = ProfileValidator.Validate(input, DateOnly.FromDateTime(now.UtcDateTime));
        try
        {
            var profile = await _repository.UpsertAsync(userId, fields, precondition, now, cancellationToken).ConfigureAwait(false);
            _cache.Set(CacheKeyFor(userId), profile);
            return (profile, profile.Version == 1);
        }
        catch (ConcurrencyConflictException)
        {
            _cache.Invalidate(CacheKeyFor(userId));
            throw;
        }
    }

    private static CacheKey CacheKeyFor(string userId) => CacheKey.ForUser(userId, CacheSettings.Profile.Entity);
}
