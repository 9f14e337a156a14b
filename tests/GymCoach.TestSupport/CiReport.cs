namespace GymCoach.TestSupport;

/// <summary>
/// Figures a test measures that CI prints (<c>artifacts/{name}</c> under the repository root): xunit shows a
/// passing test's output to nobody, and for a workload test the figures are the point.
/// </summary>
public static class CiReport
{
    private static readonly object Gate = new();

    public static void Add(string name, string line)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(directory);
        lock (Gate)
        {
            File.AppendAllLines(Path.Combine(directory, name), [$"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}"]);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GymCoach.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GymCoach.sln above {AppContext.BaseDirectory}.");
    }
}
