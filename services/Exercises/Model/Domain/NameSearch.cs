namespace GymCoach.Exercises.Domain;

/// <summary>
/// "q" search over exercise names: every word of the query must begin a word of the name, compared without
/// case or accents ("Bénch pr" finds "Barbell Bench Press"). Folding is a table over Latin letters rather than
/// Unicode normalisation, which the service's invariant-globalisation build does not carry.
/// </summary>
public static class NameSearch
{
    public const int MaxQueryLength = 100;

    // Same length, position by position: each accented letter and the letter it folds to.
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    /// <summary>The words of <paramref name="text"/>, lower-case and without accents.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue; // a combining accent (decomposed text: "e" + U+0301) belongs to its letter
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(Fold(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>True when every word of <paramref name="query"/> starts some word of <paramref name="nameWords"/>.</summary>
    public static bool Matches(IReadOnlyList<string> query, IReadOnlyList<string> nameWords)
    {
        foreach (var word in query)
        {
            var found = false;
            foreach (var nameWord in nameWords)
            {
                if (nameWord.StartsWith(word, StringComparison.Ordinal))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static char Fold(char c)
    {
        var lower = char.ToLowerInvariant(c);
        var at = Accented.IndexOf(lower, StringComparison.Ordinal);
        return at >= 0 ? Plain[at] : lower;
    }
}
