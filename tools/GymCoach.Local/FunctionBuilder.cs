using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GymCoach.LocalInfra;

namespace GymCoach.Local;

/// <summary>
/// Produces each function's <c>bootstrap</c>: Native AOT publish (what Lambda runs) or, with <c>--jit</c>, a
/// plain build for a fast edit loop. A hash of the function's sources and the shared code is stored next to
/// the output, so unchanged functions are not rebuilt.
/// </summary>
public static class FunctionBuilder
{
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets", ".json"];

    public static async Task<string> BuildAsync(FunctionDefinition function, string templateDirectory, string stateDirectory, bool jit, Action<string> log, CancellationToken cancellationToken, bool noBuild = false)
    {
        var project = Path.GetFullPath(Path.Combine(templateDirectory, function.CodeUri));
        if (noBuild)
        {
            return ExistingBuild(function, project, log);
        }

        var output = Path.Combine(stateDirectory, jit ? "build" : "publish", Path.GetFileName(project.TrimEnd(Path.DirectorySeparatorChar)));

        // Every service executable is named bootstrap (what provided.al2023 runs); the template's Handler picks
        // the function inside it (_HANDLER), not the file.
        var executable = Path.Combine(output, "bootstrap");
        var stampPath = Path.Combine(output, ".sources.sha256");
        var stamp = SourceHash(project);
        if (File.Exists(executable) && File.Exists(stampPath) && await File.ReadAllTextAsync(stampPath, cancellationToken).ConfigureAwait(false) == stamp)
        {
            log($"[build] {function.LogicalId}: up to date");
            return executable;
        }

        var clock = Stopwatch.StartNew();
        string[] arguments = jit
            ? ["build", project, "-c", "Debug", "-o", output, "--nologo", "-v", "q"]
            : ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "q"];
        log($"[build] {function.LogicalId}: dotnet {arguments[0]} ({(jit ? "JIT" : "Native AOT")})…");
        var info = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"Building {function.LogicalId} failed:\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }

        await File.WriteAllTextAsync(stampPath, stamp, cancellationToken).ConfigureAwait(false);
        log($"[build] {function.LogicalId}: done in {clock.Elapsed.TotalSeconds:F1} s");
        return executable;
    }

    /// <summary>
    /// The project's own build in this tool's configuration and framework (<c>bin/Debug/net10.0/bootstrap</c> for
    /// <c>dotnet run</c> or a Debug test run, <c>bin/Release/…</c> for a Release one); missing is an error naming the
    /// build to run, never another configuration's older output.
    /// </summary>
    internal static string ExistingBuild(FunctionDefinition function, string project, Action<string> log)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var executable = Path.Combine(project, "bin", configuration, framework.Name, "bootstrap");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{function.LogicalId}: {executable} is missing; --no-build runs what 'dotnet build -c {configuration}' left there (build the solution first).");
        }

        log($"[build] {function.LogicalId}: not built (--no-build), runs {Path.GetRelativePath(RepoPaths.Root, executable)}");
        return executable;
    }

    /// <summary>
    /// Hash of every source file the function is built from: its project, the projects it references outside
    /// shared/ (the sync service renders with every service's model), shared/ and the build settings.
    /// </summary>
    internal static string SourceHash(string projectDirectory)
    {
        var roots = ReferencedDirectories(projectDirectory).Append(Path.Combine(RepoPaths.Root, "shared")).ToList();
        var files = roots
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", Path.Combine("services", "Directory.Build.props") }
                .Select(f => Path.Combine(RepoPaths.Root, f)).Where(File.Exists))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(RepoPaths.Root, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The project's directory and, transitively, those of the projects its project files reference.</summary>
    internal static IReadOnlyList<string> ReferencedDirectories(string projectDirectory)
    {
        var found = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(projectDirectory).TrimEnd(Path.DirectorySeparatorChar)]);
        while (pending.TryPop(out var directory))
        {
            if (found.Contains(directory, StringComparer.Ordinal) || !Directory.Exists(directory))
            {
                continue;
            }

            found.Add(directory);
            foreach (var project in Directory.EnumerateFiles(directory, "*.csproj"))
            {
                var references = System.Xml.Linq.XDocument.Load(project).Descendants("ProjectReference")
                    .Select(r => (string?)r.Attribute("Include"))
                    .Where(include => include is not null && !include.Contains('*', StringComparison.Ordinal));
                foreach (var include in references)
                {
                    pending.Push(Path.GetFullPath(Path.GetDirectoryName(Path.Combine(directory, include!.Replace('\\', Path.DirectorySeparatorChar)))!).TrimEnd(Path.DirectorySeparatorChar));
                }
            }
        }

        return found;
    }
}
