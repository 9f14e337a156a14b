using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Exercises.Domain;
using GymCoach.Lambda.CustomResources;

namespace GymCoach.Exercises.Data;

/// <summary>
/// Brings the library partition to exactly what the library file says, through the batch writer, and does
/// nothing more: an unchanged exercise (same content hash) is not written again, a new or changed one is,
/// and one that left the file is retired (kept, marked, out of every list and facet) rather than left behind or
/// deleted — old sessions still name it. Served as the stack's <c>Custom::ExerciseLibrary</c> resource, so a
/// deploy seeds the library by itself; the local stack runs the same resource at start-up.
/// </summary>
public sealed class LibrarySeeder : ICustomResourceHandler
{
    public const string PhysicalId = "exercise-library";

    private readonly LibraryRepository _repository;
    private readonly BatchOptimizer _batches;
    private readonly Func<LibraryFile> _library;

    public LibrarySeeder(LibraryRepository repository, BatchOptimizer batches, Func<LibraryFile>? library = null)
    {
        _repository = repository;
        _batches = batches;
        _library = library ?? LibraryFile.Embedded;
    }

    public async Task<SeedResult> SeedAsync(CancellationToken cancellationToken)
    {
        var file = _library();
        var problems = LibraryRules.Problems(file);
        if (problems.Count > 0)
        {
            throw new InvalidDataException("The library file is invalid: " + string.Join(" ", problems.Take(5)));
        }

        var wanted = file.ToExercises();
        var stored = await _repository.ItemsAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        var storedHashes = stored.ToDictionary(i => i.GetRequiredString(Keys.SortKey), i => i.GetString("contentHash"), StringComparer.Ordinal);
        var writes = new List<WriteOperation>();
        var wantedKeys = new HashSet<string>(StringComparer.Ordinal);

        foreach (var item in wanted.SelectMany(e => ExerciseMapper.ToFacetItems(e).Prepend(ExerciseMapper.ToLibraryItem(e))))
        {
            var sortKey = item[Keys.SortKey].S;
            wantedKeys.Add(sortKey);
            if (!storedHashes.TryGetValue(sortKey, out var hash) || hash != item["contentHash"].S)
            {
                writes.Add(WriteOperation.Put(item));
            }
        }

        var wantedIds = wanted.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var retired = 0;
        foreach (var item in stored)
        {
            var sortKey = item[Keys.SortKey].S;
            if (wantedKeys.Contains(sortKey))
            {
                continue;
            }

            if (sortKey.StartsWith(Keys.ExercisePrefix, StringComparison.Ordinal))
            {
                var exercise = ExerciseMapper.FromItem(item);
                if (!exercise.Retired && !wantedIds.Contains(exercise.Id))
                {
                    writes.Add(WriteOperation.Put(ExerciseMapper.ToLibraryItem(exercise with { Retired = true })));
                    retired++;
                }
            }
            else
            {
                writes.Add(WriteOperation.Delete(new ItemKey(Keys.ExerciseLibrary, sortKey)));
            }
        }

        var result = await _batches.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
        if (!result.AllWritten)
        {
            throw new InvalidOperationException($"{result.Failed.Count} library items could not be written; the seed is safe to run again.");
        }

        return new SeedResult(wanted.Count, writes.Count, retired);
    }

    public async Task<CustomResourceResult> ApplyAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        var result = await SeedAsync(cancellationToken).ConfigureAwait(false);
        return new CustomResourceResult(
            PhysicalId,
            $"Library of {result.Exercises} exercises: {result.Writes} items written, {result.Retired} retired.",
            new Dictionary<string, string> { ["Count"] = result.Exercises.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>The library is reference data that sessions point at: removing the resource leaves it in place.</summary>
    public Task<CustomResourceResult> DeleteAsync(CustomResourceRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new CustomResourceResult(request.PhysicalResourceId ?? PhysicalId, "The library is kept (the table outlives the stack)."));
}

/// <summary>What a seed did: how many exercises the file holds, how many items it wrote, how many entries it retired.</summary>
public sealed record SeedResult(int Exercises, int Writes, int Retired);
