using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>Recording and listing body measurements, newest first, one page at a time.</summary>
public sealed class MeasurementService
{
    private readonly MeasurementRepository _repository;
    private readonly CursorCodec _cursors;
    private readonly TimeProvider _time;

    public MeasurementService(MeasurementRepository repository, CursorCodec cursors, TimeProvider time)
    {
        _repository = repository;
        _cursors = cursors;
        _time = time;
    }

    public async Task<Measurement> AddAsync(string userId, MeasurementInput input, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var measurement = MeasurementValidator.Validate(input, Ulid.NewId(now), now);
        await _repository.AddAsync(userId, measurement, cancellationToken).ConfigureAwait(false);
        return measurement;
    }

    public async Task<(IReadOnlyList<Measurement> Items, string? NextCursor)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw HttpProblemException.BadRequest("'from' must not be after 'to'.", "from");
        }

        var query = $"measurements|{from}|{to}";
        var startKey = _cursors.Decode(cursor, userId, query);
        var (items, lastKey) = await _repository.ListAsync(userId, from, to, limit, startKey, cancellationToken).ConfigureAwait(false);
        return (items, _cursors.Encode(lastKey, userId, query));
    }
}
