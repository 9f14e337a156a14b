using System.Diagnostics;
using GymCoach.TestSupport;

namespace GymCoach.Local.Tests;

/// <summary>
/// A real browser for the pages people look at (the API docs, the load-test report): what Chromium draws is
/// checked, not what the server sent. The backend's own prerequisites do not include a browser, so a test that
/// needs one is skipped where Chromium is missing, saying how to install it; under <c>CI=true</c> (as
/// <c>.ci/run</c> runs, having installed it) a missing browser fails instead, so CI never skips them silently.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>What to run to get the browser (Debian's package, what .ci/run installs).</summary>
    public const string InstallHint = "sudo apt-get install chromium";

    /// <summary>The browser's path, or null when it is not installed.</summary>
    public static string? Find() => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>The browser's path; skips the calling <c>[SkippableFact]</c> when there is none, or fails it under CI.</summary>
    public static string Require() => Require(Find(), Environment.GetEnvironmentVariable("CI"));

    /// <summary><see cref="Require()"/> with the browser found and the <c>CI</c> variable given (what its tests vary).</summary>
    public static string Require(string? browser, string? ci)
    {
        if (browser is not null)
        {
            return browser;
        }

        var reason = $"Chromium is not installed; this test opens a page in a real browser. Install it ({InstallHint}) to run it.";
        if (IsCi(ci))
        {
            Assert.Fail(reason + " CI=true: a test that needs the browser fails without it rather than being skipped.");
        }

        throw new SkipException(reason);
    }

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
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile.FullName, "--virtual-time-budget=15000", "--dump-dom", url,
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish loading {url} within 120 s. Its last lines:\n{OutputTail.Of(await errors, 50)}");
            }

            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static bool IsCi(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
