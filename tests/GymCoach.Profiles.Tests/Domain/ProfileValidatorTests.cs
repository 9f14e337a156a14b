using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;
using GymCoach.Profiles.Domain;

namespace GymCoach.Profiles.Tests.Domain;

public sealed class ProfileValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("2013-11-23", true)]
    [InlineData("2013-11-24", false)]
    [InlineData("1906-11-23", true)]
    [InlineData("1905-11-22", false)]
    public void Validate_BirthDate_EnforcesAge13To120(string birthDate, bool valid)
    {
        var input = new ProfileInput { DisplayName = "A", BirthDate = birthDate };

        var exception = Record.Exception(() => ProfileValidator.Validate(input, Today));

        Assert.Equal(valid, exception is null);
    }

    [Fact]
    public void Validate_DuplicateGoals_AreStoredOnce()
    {
        var fields = ProfileValidator.Validate(new ProfileInput { DisplayName = "A", Goals = ["strength", "strength", "mobility"] }, Today);

        Assert.Equal(["strength", "mobility"], fields.Goals);
    }

    [Fact]
    public void Validate_MoreThan20Goals_IsRejected()
    {
        var input = new ProfileInput { DisplayName = "A", Goals = Enumerable.Repeat<string?>("strength", 21).ToList() };

        var exception = Assert.Throws<InvalidInputException>(() => ProfileValidator.Validate(input, Today));

        Assert.Contains("goals", exception.Errors.Keys);
    }

    [Fact]
    public void Validate_DisplayName81Chars_IsRejected()
    {
        var exception = Assert.Throws<InvalidInputException>(() => ProfileValidator.Validate(new ProfileInput { DisplayName = new string('a', 81) }, Today));

        Assert.Contains("displayName", exception.Errors.Keys);
    }

    [Fact]
    public void Validate_NoUnits_DefaultsToMetric()
    {
        Assert.Equal("metric", ProfileValidator.Validate(new ProfileInput { DisplayName = "A" }, Today).Units);
    }
}
