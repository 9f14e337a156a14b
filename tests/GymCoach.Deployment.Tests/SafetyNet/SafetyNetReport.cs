using System.Collections.Concurrent;
using GymCoach.Generator;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>
/// The safety net's case counts, kept where CI prints them (<c>artifacts/safety-net.txt</c>): xunit shows a
/// passing test's output to nobody, and the counts are the point.
/// </summary>
internal static class SafetyNetReport
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static void Add(string line)
    {
        Lines.Enqueue(line);
        var directory = Path.Combine(RepoFiles.Root(), "artifacts");
        Directory.CreateDirectory(directory);
        lock (Lines)
        {
            File.WriteAllLines(Path.Combine(directory, "safety-net.txt"), Lines.Order(StringComparer.Ordinal));
        }
    }
}
