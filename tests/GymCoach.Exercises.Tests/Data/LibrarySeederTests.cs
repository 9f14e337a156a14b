using GymCoach.Data;
using GymCoach.Exercises.Domain;
using GymCoach.TestSupport;

namespace GymCoach.Exercises.Tests.Data;

/// <summary>Seeding the library into DynamoDB Local: complete, idempotent, and retiring what left the file.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class LibrarySeederTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task SeedAsync_EmptyTable_WritesEveryExerciseAndItsFacets()
    {
        var table = await dynamo.CreateTableAsync();
        var library = LibraryFile.Embedded();

        var result = await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);

        var stored = await StoredItems.PartitionAsync(dynamo.Client, table, Keys.ExerciseLibrary, string.Empty);
        Assert.Equal(library.Exercises.Count, result.Exercises);
        Assert.Equal(library.Exercises.Count, stored.Count(i => i["SK"].S.StartsWith(Keys.ExercisePrefix, StringComparison.Ordinal)));
        Assert.Equal(result.Writes, stored.Count);
        Assert.Equal(0, result.Retired);
    }

    [Fact]
    public async Task SeedAsync_RunAgain_WritesNothing()
    {
        var table = await dynamo.CreateTableAsync();
        var first = await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);

        var second = await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);

        Assert.True(first.Writes > 0);
        Assert.Equal(0, second.Writes);
    }

    [Fact]
    public async Task SeedAsync_EntryRemovedFromTheFile_IsRetiredAndLeavesEveryFacet()
    {
        var table = await dynamo.CreateTableAsync();
        await ExercisesApi.Seeder(dynamo.Client, table).SeedAsync(default);
        var changed = LibraryFile.Embedded();
        changed.Exercises.RemoveAll(e => e.Id == "barbell-bench-press");
        changed.Exercises.Single(e => e.Id == "push-up").Instructions.Add("Breathe out as you press.");

        var result = await ExercisesApi.Seeder(dynamo.Client, table, () => changed).SeedAsync(default);
        var again = await ExercisesApi.Seeder(dynamo.Client, table, () => changed).SeedAsync(default);

        var stored = await StoredItems.PartitionAsync(dynamo.Client, table, Keys.ExerciseLibrary, string.Empty);
        var benchPress = Assert.Single(stored, i => i["SK"].S == Keys.Exercise("barbell-bench-press"));
        Assert.True(benchPress["retired"].BOOL);
        Assert.DoesNotContain(stored, i => i["SK"].S.StartsWith(Keys.ExerciseFacetPrefix, StringComparison.Ordinal) && i["SK"].S.EndsWith("#barbell-bench-press", StringComparison.Ordinal));
        Assert.Equal(1, result.Retired);
        Assert.Equal(0, again.Writes); // retired stays retired, nothing rewritten
        var pushUp = stored.Single(i => i["SK"].S == Keys.Exercise("push-up"));
        Assert.Contains(pushUp["instructions"].L, s => s.S == "Breathe out as you press.");
    }

    [Fact]
    public async Task SeedAsync_InvalidFile_WritesNothingAndSaysWhy()
    {
        var table = await dynamo.CreateTableAsync();
        var broken = LibraryFile.Embedded();
        broken.Exercises[0].PrimaryMuscles = ["pecs"];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ExercisesApi.Seeder(dynamo.Client, table, () => broken).SeedAsync(default));

        Assert.Contains("pecs", error.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredItems.PartitionAsync(dynamo.Client, table, Keys.ExerciseLibrary, string.Empty));
    }
}
