using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Caching;
using GymCoach.Exercises.Data;
using GymCoach.Lambda.Errors;

namespace GymCoach.Exercises.Domain;

/// <summary>
/// Browsing the library. A warm instance answers from the cached library without DynamoDB; a cold one loads
/// the whole library (one Query of its partition) — or, when the list is filtered by muscle or equipment, only
/// that facet through GSI1 — and pages through it in a stable order with signed cursors.
/// </summary>
public sealed class ExerciseService
{
    private static readonly CacheKey LibraryKey = CacheKey.Shared(CacheSettings.ExerciseLibrary.Entity, "all");
    private readonly LibraryRepository _library;
    private readonly IEntityCache<LibraryCatalog> _cache;
    private readonly CursorCodec _cursors;

    public ExerciseService(LibraryRepository library, IEntityCache<LibraryCatalog> cache, CursorCodec cursors)
    {
        _library = library;
        _cache = cache;
        _cursors = cursors;
    }

    public async Task<(IReadOnlyList<Exercise> Items, string? NextCursor)> ListAsync(string userId, ExerciseFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = _cursors.Decode(cursor, userId, filter.Binding, CursorScope.Table(Keys.ExerciseLibrary, Keys.ExercisePrefix));
        LibraryCatalog candidates;
        if (_cache.TryGet(LibraryKey, out var catalog))
        {
            candidates = catalog!;
        }
        else if (filter.Muscle is not null || filter.Equipment is not null)
        {
            var facet = LibraryCatalog.FacetOf(filter, out var value);
            candidates = new LibraryCatalog(await _library.FacetAsync(facet, value, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            candidates = await LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        var matching = candidates.Ordered.Where(e => filter.Matches(e, candidates.NameWords[e.Id]));
        if (after is not null)
        {
            var last = after[Keys.SortKey].S[Keys.ExercisePrefix.Length..];
            matching = matching.SkipWhile(e => e.Id != last).Skip(1);
        }

        var page = matching.Take(limit + 1).ToList();
        var next = page.Count > limit
            ? _cursors.Encode(
                new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary), [Keys.SortKey] = Attributes.S(Keys.Exercise(page[limit - 1].Id)) },
                userId,
                filter.Binding)
            : null;
        return (page.Take(limit).ToList(), next);
    }

    public async Task<Exercise> GetAsync(string id, CancellationToken cancellationToken)
    {
        var catalog = _cache.TryGet(LibraryKey, out var cached) ? cached! : await LoadAsync(cancellationToken).ConfigureAwait(false);
        return catalog.ById.TryGetValue(id, out var exercise) ? exercise : throw new NotFoundException($"No exercise '{id}'.");
    }

    private async Task<LibraryCatalog> LoadAsync(CancellationToken cancellationToken) =>
        (await _cache.GetOrLoadAsync(LibraryKey, async _ => new LibraryCatalog(await _library.AllAsync(cancellationToken).ConfigureAwait(false))).ConfigureAwait(false))!;
}
