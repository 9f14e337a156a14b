using GymCoach.Data;

namespace GymCoach.Exercises.Domain;

/// <summary>
/// Where a page ended, as the cursor carries it: the last item's place in the order (its name and id), so the
/// next page starts after that place even when the item itself has gone.
/// </summary>
internal static class Position
{
    public static string Write(Exercise last) =>
        string.Concat(Keys.ExercisePrefix, Uri.EscapeDataString(last.Name), "/", last.Id);

    /// <summary>A probe exercise at the position, for comparing in <see cref="LibraryCatalog.Order"/>; null when unreadable.</summary>
    public static Exercise? Read(string sortKey)
    {
        var rest = sortKey[Keys.ExercisePrefix.Length..];
        var slash = rest.LastIndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1)
        {
            return null;
        }

        string name;
        try
        {
            name = Uri.UnescapeDataString(rest[..slash]);
        }
        catch (UriFormatException)
        {
            return null;
        }

        return new Exercise(rest[(slash + 1)..], name, [], [], [], string.Empty, string.Empty, string.Empty, string.Empty, [], [], false);
    }
}
