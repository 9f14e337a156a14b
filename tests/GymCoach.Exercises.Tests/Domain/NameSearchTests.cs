using GymCoach.Exercises.Domain;

namespace GymCoach.Exercises.Tests.Domain;

public sealed class NameSearchTests
{
    [Theory]
    [InlineData("bench", true)]
    [InlineData("Bénch pr", true)]
    [InlineData("BARBELL  press", true)]
    [InlineData("press bench", true)]
    [InlineData("ench", false)]
    [InlineData("bench squat", false)]
    [InlineData("barbell-bench", true)]
    [InlineData("Be\u0301nch", true)]
    public void Matches_QueryAgainstBarbellBenchPress_ByWordPrefixIgnoringCaseAndAccents(string query, bool expected)
    {
        Assert.Equal(expected, NameSearch.Matches(NameSearch.Words(query), NameSearch.Words("Barbell Bench Press")));
    }

    [Fact]
    public void Words_AccentedLettersAndPunctuation_FoldToPlainLowerCaseWords()
    {
        Assert.Equal(["farmer", "s", "carry", "eeaoun"], NameSearch.Words("Farmer's  CARRY — ÉèÅØüñ"));
    }
}
