using GymCoach.LocalInfra;

namespace GymCoach.Local.Tests.Emulation;

/// <summary>
/// The local stack runs one Runtime API server per instance, up to 50 per function. Each must cost sockets,
/// not inotify instances: the kernel allows 128 per user by default, and a server that watched its config
/// files made the 129th cold start fail ("configured user limit (128) on the number of inotify instances").
/// </summary>
[Collection(ProcessWideCountsCollection.Name)]
public sealed class RuntimeApiServerTests
{
    [Fact]
    public async Task StartAsync_ManyServers_OpenNoInotifyInstance()
    {
        var before = InotifyInstances();
        var servers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RuntimeApiServer.StartAsync()));
        var during = InotifyInstances();
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        Assert.Equal(before, during);
    }

    /// <summary>This process's open inotify instances: file descriptors that link to <c>anon_inode:inotify</c>.</summary>
    private static int InotifyInstances() =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Count(target => target == "anon_inode:inotify");
}

/// <summary>Tests that count process-wide resources run alone, so no other test's servers show in their counts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCountsCollection
{
    public const string Name = "Process-wide counts";
}
