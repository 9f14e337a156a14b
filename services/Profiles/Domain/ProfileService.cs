using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>Profile use cases: read mine, create-or-replace mine under optimistic concurrency.</summary>
public sealed class ProfileService
{
    private readonly ProfileRepository _repository;
    private readonly TimeProvider _time;

    public ProfileService(ProfileRepository repository, TimeProvider time)
    {
        _repository = repository;
        _time = time;
    }

    public async Task<Profile> GetAsync(string userId, CancellationToken cancellationToken) =>
        await _repository.GetAsync(userId, cancellationToken).ConfigureAwait(false)
        ?? throw HttpProblemException.NotFound("No profile exists yet; create it with PUT /profiles/me.");

    /// <summary>Creates or replaces the profile. <paramref name="expectedVersion"/> comes from If-Match; stale → 412.</summary>
    public async Task<(Profile Profile, bool Created)> PutAsync(string userId, ProfileInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var fields = ProfileValidator.Validate(input, DateOnly.FromDateTime(now.UtcDateTime));
        try
        {
            var profile = await _repository.UpsertAsync(userId, fields, expectedVersion, now, cancellationToken).ConfigureAwait(false);
            return (profile, profile.Version == 1);
        }
        catch (ConcurrencyConflictException)
        {
            throw HttpProblemException.PreconditionFailed();
        }
    }
}
