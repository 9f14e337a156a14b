using GymCoach.Exercises.Domain;

namespace GymCoach.Exercises.Tests.Domain;

public sealed class LibraryRulesTests
{
    [Fact]
    public void Problems_TheEmbeddedLibrary_HasNone()
    {
        var library = LibraryFile.Embedded();

        Assert.Empty(LibraryRules.Problems(library));
        Assert.True(library.Exercises.Count >= LibraryRules.MinimumSize, $"{library.Exercises.Count} exercises");
        Assert.Contains(library.Exercises, e => e.Id == "barbell-back-squat");
        Assert.Contains(library.Exercises, e => e.Id == "barbell-bench-press");
        Assert.Contains(library.Exercises, e => e.Id == "conventional-deadlift");
    }

    [Fact]
    public void Problems_BrokenEntries_AreEachNamed()
    {
        var library = LibraryFile.Embedded();
        var first = library.Exercises[0];
        library.Exercises.Add(new LibraryEntry { Id = first.Id, Name = first.Name.ToUpperInvariant(), PrimaryMuscles = ["pecs"], Equipment = ["rope"], Category = "yoga", Mechanics = "compound", Force = "push", Level = "expert", Instructions = ["Do it.", " "] });
        library.Exercises.Add(new LibraryEntry { Id = "Not A Slug", Name = "Fine name", PrimaryMuscles = [], Equipment = [], Category = "strength", Mechanics = "compound", Force = "push", Level = "beginner", Instructions = [] });

        var problems = LibraryRules.Problems(library);

        Assert.Contains(problems, p => p.Contains("id is used twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("name is empty or used twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown muscle 'pecs'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown equipment 'rope'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown category 'yoga'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown level 'expert'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("empty step", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Not A Slug: the id must be a kebab-case slug", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Not A Slug: no primary muscle", StringComparison.Ordinal));
    }
}
