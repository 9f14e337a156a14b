using System.Text.RegularExpressions;
using GymCoach.LocalInfra;

namespace GymCoach.Deployment.Tests;

/// <summary>Rules the code keeps that no compiler checks, read from the source of every service and shared library.</summary>
public sealed partial class SourceRulesTests
{
    [Fact]
    public void Source_NoSdkExceptionIsMadeUp_StoreBusyExceptionSaysWhatWeConcluded()
    {
        var madeUp = SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(l => SdkException().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(madeUp.Count == 0, "SDK exceptions thrown by our own code (throw StoreBusyException):\n" + string.Join('\n', madeUp));

        // Precondition: the pattern sees what it must refuse.
        Assert.Matches(SdkException(), "throw new ProvisionedThroughputExceededException(\"x\");");
        Assert.Matches(SdkException(), "throw new Amazon.DynamoDBv2.Model.RequestLimitExceededException(\"x\");");
    }

    [Theory]
    [InlineData("users.csv")]                       // the staging load test's example: TOKENS=users.csv, from the repository's root
    [InlineData("tools/loadtest/users.csv")]
    [InlineData("tools/loadtest/results/x/tokens.csv")]
    public void GitIgnore_TokenFilesAnywhere_AreNeverCommitted(string path)
    {
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["check-ignore", "-q", path]) { WorkingDirectory = RepoPaths.Root })!;
        git.WaitForExit();

        Assert.Equal(0, git.ExitCode);
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "services", "shared" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"new\s+(?:Amazon\.DynamoDBv2\.Model\.)?(?:ProvisionedThroughputExceeded|RequestLimitExceeded|Throttling|InternalServerError|TransactionCanceled)Exception\s*\(")]
    private static partial Regex SdkException();
}
