using GymCoach.Data.Writes;
using GymCoach.Data;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Data;

namespace GymCoach.Profiles.Domain;

/// <summary>Recording and listing body measurements, newest first, one page at a time.</summary>
public sealed class MeasurementService
{
    private readonly MeasurementRepository _repository;
    private readonly CursorCodec _cursors;

    public MeasurementService(MeasurementRepository repository, CursorCodec cursors)
    {
        _repository = repository;
        _cursors = cursors;
    }

    /// <summary>
    /// Records a measurement as <paramref name="creation"/> (its id and time). Run again with the same creation
    /// (a retried idempotent request), it returns the measurement the first run stored instead of adding another.
    /// </summary>
    public Task<Measurement> AddAsync(string userId, MeasurementInput input, Creation creation, CancellationToken cancellationToken)
    {
        var measurement = MeasurementValidator.Validate(input, creation.Id, creation.At);
        return _repository.AddAsync(userId, measurement, cancellationToken);
    }

    public async Task<(IReadOnlyList<Measurement> Items, string? NextCursor)> ListAsync(
        string userId, DateOnly? from, DateOnly? to, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw InvalidInputException.For("from", "'from' must not be after 'to'.");
        }

        var query = string.Concat("measurements|", from is { } f1 ? Timestamps.ToApi(f1) : null, "|", to is { } t1 ? Timestamps.ToApi(t1) : null);
        var startKey = _cursors.Decode(cursor, userId, query, CursorScope.Table(Keys.User(userId), Keys.MeasurementPrefix));
        var (items, lastKey) = await _repository.ListAsync(userId, from, to, limit, startKey, cancellationToken).ConfigureAwait(false);
        return (items, _cursors.Encode(lastKey, userId, query));
    }
}
