using FailException = Xunit.Sdk.FailException;
using SkipException = Xunit.SkipException;

namespace GymCoach.Local.Tests;

public sealed class HeadlessChromiumTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("")]
    public void Require_NoBrowserOutsideCi_SkipsSayingHowToInstallIt(string? ci)
    {
        var skipped = Assert.Throws<SkipException>(() => HeadlessChromium.Require(browser: null, ci));

        Assert.Contains(HeadlessChromium.InstallHint, skipped.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void Require_NoBrowserUnderCi_FailsWithTheInstallHint(string ci)
    {
        var failed = Assert.Throws<FailException>(() => HeadlessChromium.Require(browser: null, ci));

        Assert.Contains(HeadlessChromium.InstallHint, failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void Require_BrowserInstalled_ReturnsItsPath(string? ci)
    {
        Assert.Equal("/usr/bin/chromium", HeadlessChromium.Require("/usr/bin/chromium", ci));
    }
}
