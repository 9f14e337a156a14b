using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data;

/// <summary>
/// Turns DynamoDB's <c>LastEvaluatedKey</c> into an opaque, tamper-evident page token and back. The token is
/// HMAC-signed and bound to the user, the query (route + filters) and an expiry, so a client can neither
/// forge a key into another user's partition nor replay a cursor against a different query.
/// </summary>
public sealed class CursorCodec
{
    public const string KeyVariable = "CURSOR_SIGNING_KEY";

    /// <summary>Shortest key accepted from the environment (the stack generates 64 characters).</summary>
    public const int MinKeyLength = 32;

    /// <summary>Longest key attribute value a cursor may carry: DynamoDB's own sort-key limit.</summary>
    private const int MaxKeyValueBytes = 1024;

    private const int MacBytes = 16;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public CursorCodec(string key, TimeSpan? lifetime = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        Lifetime = lifetime ?? TimeSpan.FromHours(24);
        _time = time ?? TimeProvider.System;
    }

    private CursorCodec(byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        _key = key;
        Lifetime = lifetime;
        _time = time;
    }

    /// <summary>The same signing key with another lifetime: a sync position stays good for 30 days, a page for a day.</summary>
    public CursorCodec WithLifetime(TimeSpan lifetime) => new(_key, lifetime, _time);

    public TimeSpan Lifetime { get; }

    /// <summary>
    /// Key from <c>CURSOR_SIGNING_KEY</c> (the stack's generated secret; the local stack generates its own).
    /// There is no fallback: a function without a key fails at init rather than sign with a key anyone can read.
    /// </summary>
    public static CursorCodec FromEnvironment() =>
        Environment.GetEnvironmentVariable(KeyVariable) is { Length: >= MinKeyLength } key
            ? new CursorCodec(key)
            : throw new InvalidOperationException($"{KeyVariable} must be set to a secret of at least {MinKeyLength} characters.");

    public string? Encode(Dictionary<string, AttributeValue>? lastEvaluatedKey, string userId, string query)
    {
        if (lastEvaluatedKey is not { Count: > 0 })
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("u", userId);
            writer.WriteString("q", query);
            writer.WriteNumber("e", _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
            writer.WriteStartObject("k");
            foreach (var (name, value) in lastEvaluatedKey.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value.S is not null)
                {
                    writer.WriteString("S:" + name, value.S);
                }
                else if (value.N is not null)
                {
                    writer.WriteString("N:" + name, value.N);
                }
                else
                {
                    throw new NotSupportedException($"Key attribute '{name}' is neither a string nor a number.");
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var payload = buffer.WrittenSpan;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        return string.Concat(Base64Url.EncodeToString(payload), ".", Base64Url.EncodeToString(mac[..MacBytes]));
    }

    /// <summary>
    /// The key to resume from; null cursor → null. A bad, expired or foreign cursor is a 400, and so is one
    /// whose key is not in <paramref name="scope"/> (the caller's partition, the route's key prefix): a cursor
    /// can only ever continue the query it came from.
    /// </summary>
    public Dictionary<string, AttributeValue>? Decode(string? cursor, string userId, string query, CursorScope scope) =>
        Decode(cursor, userId, query, scope.Contains);

    /// <summary>As above, with the check of the key's shape and place written by the caller (a cursor that is not a table key).</summary>
    public Dictionary<string, AttributeValue>? Decode(string? cursor, string userId, string query, Func<Dictionary<string, AttributeValue>, bool> accept)
    {
        if (cursor is null)
        {
            return null;
        }

        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || cursor.Length > 4096)
        {
            throw Invalid();
        }

        byte[] payload;
        byte[] mac;
        try
        {
            payload = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, expected);
        if (mac.Length != MacBytes || !CryptographicOperations.FixedTimeEquals(mac, expected[..MacBytes]))
        {
            throw Invalid();
        }

        Dictionary<string, AttributeValue> key;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("u", out var user) || user.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("q", out var boundQuery) || boundQuery.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("e", out var expiry) || !expiry.TryGetInt64(out var expiresAt)
                || !root.TryGetProperty("k", out var keyObject) || keyObject.ValueKind != JsonValueKind.Object)
            {
                throw Invalid();
            }

            if (user.GetString() != userId || boundQuery.GetString() != query)
            {
                throw Invalid("The cursor belongs to another query.");
            }

            if (expiresAt < _time.GetUtcNow().ToUnixTimeSeconds())
            {
                throw new InvalidCursorException("The cursor has expired; start again from the first page.", expired: true);
            }

            key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var property in keyObject.EnumerateObject())
            {
                var name = property.Name;
                if (name.Length < 3 || name[1] != ':' || property.Value.ValueKind != JsonValueKind.String || !key.TryAdd(name[2..], ToValue(name[0], property.Value.GetString()!)))
                {
                    throw Invalid();
                }
            }
        }
        catch (Exception ex) when (ex is not InvalidCursorException and not OutOfMemoryException)
        {
            throw Invalid();
        }

        return accept(key) ? key : throw Invalid();
    }

    private static AttributeValue ToValue(char type, string value)
    {
        if (Encoding.UTF8.GetByteCount(value) is 0 or > MaxKeyValueBytes)
        {
            throw Invalid();
        }

        return type switch
        {
            'S' => Attributes.S(value),
            'N' when decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => new AttributeValue { N = value },
            _ => throw Invalid(),
        };
    }

    /// <summary>Signs an arbitrary payload as a cursor (tests forge cursors with it).</summary>
    internal string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        return string.Concat(Base64Url.EncodeToString(payload), ".", Base64Url.EncodeToString(mac[..MacBytes]));
    }

    private static InvalidCursorException Invalid(string detail = "The cursor is not valid.") => new(detail);
}
