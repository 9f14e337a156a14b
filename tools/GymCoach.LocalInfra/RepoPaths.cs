namespace GymCoach.LocalInfra;

/// <summary>Finds the repository from wherever a test or tool binary runs.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Template => Path.Combine(Root, "serverless.template");

    public static string Servers => Path.Combine(Root, "tools", "servers");

    /// <summary>Git-ignored folder for everything local runs create (DynamoDB data, published binaries).</summary>
    public static string LocalState => Path.Combine(Root, ".local");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GymCoach.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (no GymCoach.sln above the current directory).");
    }
}
