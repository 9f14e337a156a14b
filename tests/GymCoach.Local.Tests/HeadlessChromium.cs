using System.Diagnostics;

namespace GymCoach.Local.Tests;

/// <summary>
/// A real browser for the pages people look at (the API docs, the load-test report): what Chromium draws is
/// checked, not what the server sent. .ci/run installs it (apt-get install chromium).
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The browser's path, or null when it is not installed.</summary>
    public static string? Find() => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Loads <paramref name="url"/>, lets its scripts run, and returns the DOM as Chromium built it.</summary>
    public static async Task<string> DumpDomAsync(string browser, string url)
    {
        var profile = Directory.CreateTempSubdirectory("gymcoach-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--user-data-dir=" + profile.FullName, "--virtual-time-budget=15000", "--dump-dom", url,
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
