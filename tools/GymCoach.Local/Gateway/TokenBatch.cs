using System.Globalization;
using System.Text;

namespace GymCoach.Local.Gateway;

/// <summary>
/// Many users' tokens at once, as the load test's CSV (<c>sub,token</c> rows under a header). A load test with
/// one user measures one partition and one cache entry; distinct subjects spread the keys like real traffic.
/// </summary>
public static class TokenBatch
{
    /// <summary>The subjects <c>{prefix}0001</c>… in order, zero-padded so they sort as numbers.</summary>
    public static IReadOnlyList<string> Subjects(int count, string prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var width = Math.Max(4, count.ToString(CultureInfo.InvariantCulture).Length);
        return Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')).ToList();
    }

    /// <summary>Writes the CSV to <paramref name="path"/> (owner-readable only: each row is a live credential).</summary>
    public static void Write(LocalTokens tokens, string path, int count, string prefix, TimeSpan lifetime)
    {
        var csv = new StringBuilder("sub,token\n");
        foreach (var subject in Subjects(count, prefix))
        {
            csv.Append(subject).Append(',').Append(tokens.Issue(subject, lifetime)).Append('\n');
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);

        // A new file created owner-only, then moved over the old one: the create mode applies only to new files,
        // so writing in place would keep an existing file's looser mode.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(csv.ToString());
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
