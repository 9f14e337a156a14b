using System.Reflection;
using System.Runtime.Loader;
using GymCoach.Lambda.Http;

namespace GymCoach.Generator;

/// <summary>
/// Every service of the repository, found by convention: each <c>services/*</c> project's build output holds
/// one <see cref="IServiceDescription"/>. Every service assembly is named <c>bootstrap</c> (what Lambda runs),
/// so each is loaded into a load context of its own, sharing only the GymCoach and framework assemblies this
/// tool already has (so <see cref="IServiceDescription"/> is the same type on both sides). Reflection is fine
/// here: this is a build tool, never part of a Lambda binary.
/// </summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<IServiceDescription> Discover(string? repoRoot = null) => DiscoverProjects(repoRoot).Select(p => p.Description).ToList();

    /// <summary>Every service with the folder its package is built from (the template's <c>CodeUri</c>).</summary>
    public static IReadOnlyList<ServiceProject> DiscoverProjects(string? repoRoot = null)
    {
        var root = repoRoot ?? RepoFiles.Root();
        var found = new List<ServiceProject>();
        foreach (var project in Directory.GetDirectories(Path.Combine(root, "services")).Order(StringComparer.Ordinal))
        {
            if (Directory.GetFiles(project, "*.csproj").Length == 0)
            {
                continue;
            }

            var assemblyPath = BuildOutput(project);
            var context = new ServiceLoadContext(assemblyPath);
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            var descriptions = assembly.GetTypes()
                .Where(t => typeof(IServiceDescription).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
                .ToList();
            if (descriptions.Count != 1)
            {
                throw new InvalidOperationException($"{Path.GetFileName(project)} must hold exactly one {nameof(IServiceDescription)} (found {descriptions.Count}).");
            }

            found.Add(new ServiceProject($"services/{Path.GetFileName(project)}/", (IServiceDescription)Activator.CreateInstance(descriptions[0])!));
        }

        return found;
    }

    /// <summary>
    /// The service's <c>bin/{configuration}/{framework}/bootstrap.dll</c>, in this tool's own configuration and
    /// framework (what a build of the solution produces); missing is an error, never another build's output.
    /// </summary>
    public static string BuildOutput(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var path = Path.Combine(project, "bin", configuration, framework.Name, "bootstrap.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution in {configuration} first (building tools/GymCoach.Generator builds every service).");
    }

    private sealed class ServiceLoadContext(string assemblyPath) : AssemblyLoadContext(Path.GetFileName(Path.GetDirectoryName(assemblyPath)!), isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Shared with the tool (same type identity): whatever the default context can already load.
            if (Default.Assemblies.Any(a => a.GetName().Name == assemblyName.Name))
            {
                return null;
            }

            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                var path = _resolver.ResolveAssemblyToPath(assemblyName);
                return path is null ? null : LoadFromAssemblyPath(path);
            }
        }
    }
}
