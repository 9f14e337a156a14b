using System.Diagnostics;

namespace GymCoach.Measure;

/// <summary>Builds the floor row's program (Floor/floor.c) with the system's C compiler.</summary>
internal static class Floor
{
    public static string Build(string directory)
    {
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, "bootstrap");
        var source = Path.Combine(GymCoach.LocalInfra.RepoPaths.Root, "tools", "GymCoach.Measure", "Floor", "floor.c");
        using var cc = Process.Start(new ProcessStartInfo("cc", ["-O2", "-D_GNU_SOURCE", "-Wall", "-Werror", "-o", output, source]) { RedirectStandardError = true })!;
        var errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        return cc.ExitCode == 0 ? output : throw new InvalidOperationException("cc failed (apt-get install gcc):\n" + errors);
    }
}
