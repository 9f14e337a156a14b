using System.Security.Cryptography;
using GymCoach.Local.Gateway;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>The load test's users: one CSV row per distinct subject, each token accepted by the gateway for it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenBatchTests : IDisposable
{
    private static readonly RSA Key = RSA.Create(2048);
    private readonly string _directory = Directory.CreateTempSubdirectory("token-batch-").FullName;

    [Fact]
    public void Write_ManyUsers_EveryRowIsAcceptedForItsOwnSubject()
    {
        var path = Path.Combine(_directory, "users.csv");

        TokenBatch.Write(new LocalTokens(Key), path, 25, "load-user-", TimeSpan.FromMinutes(5));

        var lines = File.ReadAllLines(path);
        Assert.Equal("sub,token", lines[0]);
        Assert.Equal(26, lines.Length);
        var authorizer = new JwtAuthorizer(Key, LocalTokens.Issuer, [LocalTokens.Audience]);
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in lines.Skip(1))
        {
            var (sub, token) = (row[..row.IndexOf(',', StringComparison.Ordinal)], row[(row.IndexOf(',', StringComparison.Ordinal) + 1)..]);
            var claims = authorizer.Authorize("Bearer " + token, out var failure);
            Assert.Null(failure);
            Assert.Equal(sub, claims!["sub"]);
            Assert.True(subjects.Add(sub), $"{sub} appears twice");
        }
    }

    [Fact]
    public void Write_Always_IsReadableByItsOwnerOnly()
    {
        var path = Path.Combine(_directory, "users.csv");

        TokenBatch.Write(new LocalTokens(Key), path, 1, "u-", TimeSpan.FromMinutes(5));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Write_OverAnExistingWorldReadableFile_LeavesItReadableByItsOwnerOnly()
    {
        var path = Path.Combine(_directory, "users.csv");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        TokenBatch.Write(new LocalTokens(Key), path, 1, "u-", TimeSpan.FromMinutes(5));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith("sub,token\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Subjects_MoreThanPadding_SortAsNumbers()
    {
        var subjects = TokenBatch.Subjects(12345, "u-");

        Assert.Equal("u-00001", subjects[0]);
        Assert.Equal("u-12345", subjects[^1]);
        Assert.Equal(subjects.Order(StringComparer.Ordinal), subjects);
    }

    [Theory]
    [InlineData(0, "u-")]
    [InlineData(-1, "u-")]
    [InlineData(3, " ")]
    public void Subjects_NoUsersOrNoPrefix_Throws(int count, string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => TokenBatch.Subjects(count, prefix));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
