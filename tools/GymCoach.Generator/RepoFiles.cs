using GymCoach.Lambda.Http;

namespace GymCoach.Generator;

/// <summary>Where the generated files live and what they must contain.</summary>
public static class RepoFiles
{
    public const string TemplateFile = "serverless.template";

    /// <summary>The hand-written part of the template: the resources every function shares.</summary>
    public const string SharedTemplateFile = "tools/GymCoach.Generator/SharedResources.template.json";
    public const string OpenApiFile = "docs/openapi.json";

    /// <summary>The repository root: the nearest folder above the working directory (or this binary) holding GymCoach.sln.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "GymCoach.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run inside the GymCoach repository (no GymCoach.sln found above here).");
    }

    public static IEnumerable<(string Path, string Content)> Expected(string root, IReadOnlyList<ServiceProject> services)
    {
        yield return (Path.Combine(root, TemplateFile), Generated.Template(File.ReadAllText(Path.Combine(root, SharedTemplateFile)), services, root));
        yield return (Path.Combine(root, OpenApiFile), Generated.OpenApi(services.Select(s => s.Description).ToList()));
    }
}
