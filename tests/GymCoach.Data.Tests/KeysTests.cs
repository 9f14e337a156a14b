namespace GymCoach.Data.Tests;

public sealed class KeysTests
{
    [Fact]
    public void MeasurementRange_BracketsEveryIdOfTheDays()
    {
        var key = Keys.Measurement(new DateOnly(2026, 10, 5), Ulid.NewId());

        Assert.True(string.CompareOrdinal(key, Keys.MeasurementFrom(new DateOnly(2026, 10, 5))) > 0);
        Assert.True(string.CompareOrdinal(key, Keys.MeasurementTo(new DateOnly(2026, 10, 5))) < 0);
        Assert.True(string.CompareOrdinal(key, Keys.MeasurementTo(new DateOnly(2026, 10, 4))) > 0);
        Assert.True(string.CompareOrdinal(key, Keys.MeasurementFrom(new DateOnly(2026, 10, 6))) < 0);
    }

    [Fact]
    public void User_Blank_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => Keys.User(" "));
    }
}
