using System.Security.Cryptography;

namespace GymCoach.Data;

/// <summary>
/// ULID-style identifiers: 48-bit millisecond time + 80 random bits in Crockford base32. They sort by creation
/// time as strings, which is what makes "newest first" a plain descending sort-key query.
/// </summary>
public static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewId() => NewId(DateTimeOffset.UtcNow);

    public static string NewId(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = time.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        return Encode(bytes);
    }

    /// <summary>
    /// A ULID whose 80 "random" bits come from <paramref name="entropy"/> (at least 10 bytes): the same inputs
    /// always give the same id. Idempotent creates use it so that every attempt of one request names one item.
    /// </summary>
    public static string FromParts(DateTimeOffset time, ReadOnlySpan<byte> entropy)
    {
        if (entropy.Length < 10)
        {
            throw new ArgumentException("At least 10 bytes of entropy are needed.", nameof(entropy));
        }

        Span<byte> bytes = stackalloc byte[16];
        var ms = time.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)(ms & 0xFF);
            ms >>= 8;
        }

        entropy[..10].CopyTo(bytes[6..]);
        return Encode(bytes);
    }

    /// <summary>The smallest id made at <paramref name="time"/>: the lower bound of a time-range query over ids.</summary>
    public static string Lowest(DateTimeOffset time) => FromParts(time, stackalloc byte[10]);

    /// <summary>The largest id made at <paramref name="time"/>: the upper bound of a time-range query over ids.</summary>
    public static string Highest(DateTimeOffset time)
    {
        Span<byte> entropy = stackalloc byte[10];
        entropy.Fill(0xFF);
        return FromParts(time, entropy);
    }

    public static bool IsValid(string? id) =>
        id is { Length: 26 } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        // 128 bits → 26 base32 characters, most significant first (the first character carries 3 bits).
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return string.Create(26, value, static (chars, v) =>
        {
            for (var i = 25; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(v & 31)];
                v >>= 5;
            }
        });
    }
}
