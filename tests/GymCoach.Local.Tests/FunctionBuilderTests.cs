using GymCoach.LocalInfra;

namespace GymCoach.Local.Tests;

/// <summary>
/// How the stack finds each function's executable without building (the tests' own path), and that an unchanged
/// function is not built again (the path a developer's re-run takes). A real build is not run here: it would race
/// the solution's own build of the same projects.
/// </summary>
public sealed class FunctionBuilderTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("gymcoach-builder-");

    [Fact]
    public async Task BuildAsync_NoBuild_RunsTheProjectsOwnBuildOfThisConfiguration()
    {
        var function = Function("ProfilesFunction");
        var lines = new List<string>();

        var executable = await FunctionBuilder.BuildAsync(function, RepoPaths.Root, _state.FullName, jit: true, lines.Add, default, noBuild: true);

        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal(Path.Combine(RepoPaths.Root, "services", "Profiles", "bin", framework.Parent!.Name, framework.Name, "bootstrap"), executable);
        Assert.True(File.Exists(executable));
        Assert.Contains(lines, l => l.Contains("not built (--no-build)", StringComparison.Ordinal));
        Assert.Empty(_state.GetFileSystemInfos()); // nothing was built into the state folder
    }

    [Fact]
    public async Task BuildAsync_NoBuildAndNoBuildOutput_FailsNamingTheBuildToRun()
    {
        var project = Directory.CreateDirectory(Path.Combine(_state.FullName, "NeverBuilt"));
        var function = Function("ProfilesFunction") with { CodeUri = project.FullName };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionBuilder.BuildAsync(function, RepoPaths.Root, _state.FullName, jit: true, _ => { }, default, noBuild: true));

        Assert.Contains("dotnet build", failure.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap is missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_SourcesUnchangedSinceTheLastBuild_DoesNotBuildAgain()
    {
        var function = Function("ProfilesFunction");
        var project = Path.Combine(RepoPaths.Root, function.CodeUri);
        var output = Directory.CreateDirectory(Path.Combine(_state.FullName, "build", "Profiles"));
        await File.WriteAllTextAsync(Path.Combine(output.FullName, "bootstrap"), "built earlier");
        await File.WriteAllTextAsync(Path.Combine(output.FullName, ".sources.sha256"), FunctionBuilder.SourceHash(project));
        var lines = new List<string>();

        var executable = await FunctionBuilder.BuildAsync(function, RepoPaths.Root, _state.FullName, jit: true, lines.Add, default);

        Assert.Equal(Path.Combine(output.FullName, "bootstrap"), executable);
        Assert.Equal(["[build] ProfilesFunction: up to date"], lines);
        Assert.Equal("built earlier", await File.ReadAllTextAsync(executable));
    }

    [Fact]
    public void SourceHash_SyncService_CoversEveryServiceModelItRendersWith()
    {
        var project = Path.Combine(RepoPaths.Root, Function("SyncFunction").CodeUri);

        var covered = FunctionBuilder.ReferencedDirectories(project).Select(d => Path.GetRelativePath(RepoPaths.Root, d).Replace('\\', '/')).ToList();

        // Without them a changed Workouts model would leave the stack serving a sync binary that renders the old JSON.
        Assert.Contains("services/Sync", covered);
        foreach (var service in new[] { "Profiles", "Exercises", "Workouts", "Analytics" })
        {
            Assert.Contains($"services/{service}/Model", covered);
        }

        Assert.DoesNotContain("services/Workouts", covered);
    }

    public void Dispose() => _state.Delete(recursive: true);

    private static FunctionDefinition Function(string logicalId) => TemplateModel.Load().Functions.Single(f => f.LogicalId == logicalId);
}
