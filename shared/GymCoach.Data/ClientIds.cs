namespace GymCoach.Data;

/// <summary>
/// Ids a device may give what it creates offline: a ULID (what the server hands out, so a device may use the same
/// generator) or a UUID in its canonical 8-4-4-4-12 form (what iOS and Android generate), kept as sent. Anything
/// else is refused, so an id can never smuggle a key separator (<c>#</c>) or an unbounded string into a sort key.
/// </summary>
public static class ClientIds
{
    public static bool IsValid(string? id) => Ulid.IsValid(id) || IsUuid(id);

    public static bool IsUuid(string? id)
    {
        if (id is not { Length: 36 })
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? id[i] != '-' : !char.IsAsciiHexDigit(id[i]))
            {
                return false;
            }
        }

        return true;
    }
}
