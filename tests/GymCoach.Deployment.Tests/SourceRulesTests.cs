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

    [Fact]
    public void Source_EntityTypeStrings_AreWrittenOnlyInTheContracts()
    {
        var contracts = Path.Combine(RepoPaths.Root, "shared", "GymCoach.Data", "Contracts") + Path.DirectorySeparatorChar;
        var files = SourceFiles(["services", "shared", "tools", "tests"]).Where(f => !f.StartsWith(contracts, StringComparison.Ordinal)).ToList();
        // A string literal, not a doc reference to a type of the same name (<see cref="Profile"/>).
        var literals = Data.Contracts.EntityTypes.All.Select(e => new Regex($"(?<!cref=)\"{e}\"")).ToList();

        var found = files
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(l => literals.Any(e => e.IsMatch(l.line)))
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.file)}:{l.i + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "Entity types spelled outside GymCoach.Data.Contracts (use EntityTypes or the item's contract):\n" + string.Join('\n', found));

        // Preconditions: the scan reads the code that writes and reads items (and this very file), and All lists every type.
        Assert.Contains(files, f => f.EndsWith("SessionMapper.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("SourceRulesTests.cs", StringComparison.Ordinal));
        var declared = typeof(Data.Contracts.EntityTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(), Data.Contracts.EntityTypes.All.Order());
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

    private static IEnumerable<string> SourceFiles(string[]? folders = null) =>
        (folders ?? ["services", "shared"])
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"new\s+(?:Amazon\.DynamoDBv2\.Model\.)?(?:ProvisionedThroughputExceeded|RequestLimitExceeded|Throttling|InternalServerError|TransactionCanceled)Exception\s*\(")]
    private static partial Regex SdkException();
}
