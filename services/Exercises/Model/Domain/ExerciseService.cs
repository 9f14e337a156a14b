using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Caching;
using GymCoach.Exercises.Data;
using GymCoach.Lambda.Errors;
using GymCoach.Data.Writes;

namespace GymCoach.Exercises.Domain;

/// <summary>
/// Browsing the library. A warm instance answers from the cached library without DynamoDB; a cold one loads
/// the whole library (one Query of its partition) — or, when the list is filtered by muscle or equipment, only
/// that facet through GSI1 — and pages through it in a stable order with signed cursors.
/// </summary>
public sealed class ExerciseService
{
    /// <summary>Ids of a lifter's own exercises start with this, so they can never be mistaken for a library slug.</summary>
    public const string CustomIdPrefix = Keys.CustomExercisePrefix;

    private static readonly CacheKey LibraryKey = CacheKey.Shared(CacheSettings.ExerciseLibrary.Entity, "all");
    private readonly LibraryRepository _library;
    private readonly IEntityCache<LibraryCatalog> _cache;
    private readonly CustomExerciseRepository _custom;
    private readonly IEntityCache<LibraryCatalog> _customCache;
    private readonly CursorCodec _cursors;
    private readonly TimeProvider _time;

    public ExerciseService(LibraryRepository library, IEntityCache<LibraryCatalog> cache, CustomExerciseRepository custom, IEntityCache<LibraryCatalog> customCache, CursorCodec cursors, TimeProvider time)
    {
        _library = library;
        _cache = cache;
        _custom = custom;
        _customCache = customCache;
        _cursors = cursors;
        _time = time;
    }

    /// <summary>
    /// The library and the caller's own exercises, merged in one stable order (<paramref name="custom"/>: only
    /// theirs, only the library, or both). Warm, a library-only list costs no DynamoDB request and a mixed one none
    /// either once the caller's exercises are cached (at most one Query when they are not).
    /// </summary>
    public async Task<(IReadOnlyList<Exercise> Items, string? NextCursor)> ListAsync(string userId, ExerciseFilter filter, bool? custom, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = _cursors.Decode(cursor, userId, filter.Binding + "|" + custom, CursorScope.Table(Keys.ExerciseLibrary, Keys.ExercisePrefix));
        var library = custom == true ? null : await LibraryForAsync(filter, cancellationToken).ConfigureAwait(false);
        var own = custom == false ? null : await OwnAsync(userId, cancellationToken).ConfigureAwait(false);
        var matching = Merge(library, own).Where(m => filter.Matches(m.Exercise, m.Words)).Select(m => m.Exercise);
        if (after is not null && Position.Read(after[Keys.SortKey].S) is { } position)
        {
            // Continue after the last item's place in the order, not after the item: it may have been deleted,
            // renamed or retired since, and the list must neither stop nor repeat.
            matching = matching.Where(e => LibraryCatalog.Order.Compare(e, position) > 0);
        }
        else if (after is not null)
        {
            throw new InvalidCursorException();
        }

        var page = matching.Take(limit + 1).ToList();
        var next = page.Count > limit
            ? _cursors.Encode(
                new Dictionary<string, AttributeValue> { [Keys.PartitionKey] = Attributes.S(Keys.ExerciseLibrary), [Keys.SortKey] = Attributes.S(Position.Write(page[limit - 1])) },
                userId,
                filter.Binding + "|" + custom)
            : null;
        return (page.Take(limit).ToList(), next);
    }

    /// <summary>A library exercise, or one of the caller's own; anyone else's is not found.</summary>
    public async Task<Exercise> GetAsync(string userId, string id, CancellationToken cancellationToken)
    {
        if (id.StartsWith(CustomIdPrefix, StringComparison.Ordinal))
        {
            return IsCustomId(id)
                ? await _custom.GetAsync(userId, id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such exercise.")
                : throw new NotFoundException("No such exercise.");
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The exercise a create would store, under <paramref name="creation"/>'s id (the server's, or the device's). Nothing is written.</summary>
    public static Exercise Prepare(CustomExerciseInput input, Creation creation) =>
        CustomExerciseRules.Validate(input, CustomIdPrefix + creation.Id.ToLowerInvariant());

    /// <summary>Stores <paramref name="exercise"/> once; when its id is taken, what is stored under it.</summary>
    public async Task<Exercise> CreateAsync(string userId, Exercise exercise, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stored = await _custom.CreateAsync(userId, exercise, at, cancellationToken).ConfigureAwait(false);
        _customCache.Invalidate(OwnKey(userId));
        return stored;
    }

    /// <summary>The shape of an id this service gives out: the prefix and a lower-case ULID, or a device's lower-case UUID. Anything else is not one.</summary>
    public static bool IsCustomId(string id) =>
        id.StartsWith(CustomIdPrefix, StringComparison.Ordinal)
        && (id.Length == CustomIdPrefix.Length + 26
            ? id.AsSpan(CustomIdPrefix.Length).IndexOfAnyExcept("0123456789abcdefghjkmnpqrstvwxyz") < 0
            : GymCoach.Data.ClientIds.IsUuid(id[CustomIdPrefix.Length..]) && id.AsSpan(CustomIdPrefix.Length).IndexOfAnyInRange('A', 'Z') < 0);

    public async Task<Exercise> ReplaceAsync(string userId, string id, CustomExerciseInput input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        await RefuseLibraryAsync(id, cancellationToken).ConfigureAwait(false);
        var exercise = CustomExerciseRules.Validate(input, id);
        try
        {
            return await _custom.ReplaceAsync(userId, exercise, precondition, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException("No such exercise.");
        }
        finally
        {
            _customCache.Invalidate(OwnKey(userId));
        }
    }

    public async Task DeleteAsync(string userId, string id, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        await RefuseLibraryAsync(id, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await _custom.DeleteAsync(userId, id, precondition, cancellationToken).ConfigureAwait(false))
            {
                throw new NotFoundException("No such exercise.");
            }
        }
        finally
        {
            _customCache.Invalidate(OwnKey(userId));
        }
    }

    /// <summary>Library entries are everyone's to read and nobody's to change: 403 (which hides nothing, they are public).</summary>
    private Task RefuseLibraryAsync(string id, CancellationToken cancellationToken)
    {
        if (id.StartsWith(CustomIdPrefix, StringComparison.Ordinal))
        {
            return IsCustomId(id) ? Task.CompletedTask : throw new NotFoundException("No such exercise.");
        }

        return RefuseAsync();

        async Task RefuseAsync()
        {
            _ = await GetAsync(id, cancellationToken).ConfigureAwait(false); // unknown → 404
            throw new ForbiddenException($"'{id}' is a library exercise: it cannot be changed. Create your own with POST /exercises.");
        }
    }

    private static IEnumerable<(Exercise Exercise, IReadOnlyList<string> Words)> Merge(LibraryCatalog? library, LibraryCatalog? own)
    {
        var a = library?.Ordered ?? [];
        var b = own?.Ordered ?? [];
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j >= b.Count || (i < a.Count && LibraryCatalog.Order.Compare(a[i], b[j]) <= 0))
            {
                yield return (a[i], library!.NameWords[a[i].Id]);
                i++;
            }
            else
            {
                yield return (b[j], own!.NameWords[b[j].Id]);
                j++;
            }
        }
    }

    private async Task<LibraryCatalog> OwnAsync(string userId, CancellationToken cancellationToken)
    {
        var key = OwnKey(userId);
        return _customCache.TryGet(key, out var cached)
            ? cached!
            : (await _customCache.GetOrLoadAsync(key, async _ => new LibraryCatalog(await _custom.ListAsync(userId, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false))!;
    }

    private static CacheKey OwnKey(string userId) => CacheKey.ForUser(userId, CacheSettings.CustomExercises.Entity);

    private async Task<LibraryCatalog> LibraryForAsync(ExerciseFilter filter, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(LibraryKey, out var catalog))
        {
            return catalog!;
        }

        if (filter.Muscle is not null || filter.Equipment is not null)
        {
            // One facet through GSI1, cached under its own key: an instance that only ever serves filtered
            // lists is warm too.
            var facet = LibraryCatalog.FacetOf(filter, out var value);
            var facetKey = CacheKey.Shared(CacheSettings.ExerciseLibrary.Entity, facet + "#" + value);
            return _cache.TryGet(facetKey, out var cachedFacet)
                ? cachedFacet!
                : (await _cache.GetOrLoadAsync(facetKey, async _ => NonEmpty(new LibraryCatalog(await _library.FacetAsync(facet, value, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false))
                    ?? new LibraryCatalog([]);
        }

        return await LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Exercise> GetAsync(string id, CancellationToken cancellationToken)
    {
        var catalog = _cache.TryGet(LibraryKey, out var cached) ? cached! : await LoadAsync(cancellationToken).ConfigureAwait(false);
        return catalog.ById.TryGetValue(id, out var exercise) ? exercise : throw new NotFoundException("No such exercise.");
    }

    private async Task<LibraryCatalog> LoadAsync(CancellationToken cancellationToken) =>
        await _cache.GetOrLoadAsync(LibraryKey, async _ => NonEmpty(new LibraryCatalog(await _library.AllAsync(cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false)
        ?? new LibraryCatalog([]);

    /// <summary>An empty library is not cached: it is a library not seeded yet, and must not be answered for ten minutes.</summary>
    private static LibraryCatalog? NonEmpty(LibraryCatalog catalog) => catalog.Ordered.Count > 0 ? catalog : null;
}
