using GymCoach.Data;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>Preferences use cases: mine (defaults until the first PUT), and replace mine under optimistic concurrency.</summary>
public sealed class PreferencesService
{
    private readonly PreferencesRepository _repository;
    private readonly TimeProvider _time;

    public PreferencesService(PreferencesRepository repository, TimeProvider time)
    {
        _repository = repository;
        _time = time;
    }

    public async Task<Preferences> GetAsync(string userId, CancellationToken cancellationToken) =>
        await _repository.GetAsync(userId, cancellationToken).ConfigureAwait(false) ?? Preferences.Defaults;

    /// <summary>Creates (first PUT, no If-Match needed) or replaces (If-Match required: 428 without, 412 when stale).</summary>
    public async Task<(Preferences Preferences, bool Created)> PutAsync(string userId, PreferencesInput input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var preferences = PreferencesValidator.Validate(input);
        var stored = await _repository.PutAsync(userId, preferences, precondition, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return (stored, stored.Version == 1);
    }
}
