using System.Text;
using GymCoach.Lambda.Logging;

namespace GymCoach.Lambda.Tests.Logging;

public sealed class LambdaLoggerTests
{
    [Fact]
    public void Request_TextFormat_WritesOneTabSeparatedLine()
    {
        var stream = new MemoryStream();
        var logger = new LambdaLogger(stream, "profiles", json: false);

        logger.Request(new RequestLogEntry("r-1", null, true, "GET", "GET /profiles/me", 200, 1.5));

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\tr-1\tINFO\tGET /profiles/me 200", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BelowMinimumLevel_WritesNothing()
    {
        var stream = new MemoryStream();
        var logger = new LambdaLogger(stream, "profiles", json: true, LogLevel.Warn);

        logger.Write(LogLevel.Info, "hidden");
        logger.Write(LogLevel.Error, "shown");

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("hidden", text, StringComparison.Ordinal);
        Assert.Contains("shown", text, StringComparison.Ordinal);
    }
}
