using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// Turns DynamoDB's <c>LastEvaluatedKey</c> into an opaque, tamper-evident page token and back. The token is
/// HMAC-signed and bound to the user, the query (route + filters) and an expiry, so a client can neither
/// forge a key into another user's partition nor replay a cursor against a different query.
/// </summary>
public sealed class CursorCodec
{
    /// <summary>Used only where no key is configured (local runs, tests). The template always sets one.</summary>
    public const string LocalDevelopmentKey = "gymcoach-local-development-cursor-key";

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

    public TimeSpan Lifetime { get; }

    /// <summary>Key from <c>CURSOR_SIGNING_KEY</c>, else the local development key.</summary>
    public static CursorCodec FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("CURSOR_SIGNING_KEY") is { Length: > 0 } key ? key : LocalDevelopmentKey);

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

    /// <summary>The key to resume from; null cursor → null. A bad, expired or foreign cursor is a 400.</summary>
    public Dictionary<string, AttributeValue>? Decode(string? cursor, string userId, string query)
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

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("u").GetString() != userId || root.GetProperty("q").GetString() != query)
            {
                throw Invalid("The cursor belongs to another query.");
            }

            if (root.GetProperty("e").GetInt64() < _time.GetUtcNow().ToUnixTimeSeconds())
            {
                throw Invalid("The cursor has expired; start again from the first page.");
            }

            var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("k").EnumerateObject())
            {
                var name = property.Name;
                var value = property.Value.GetString()!;
                key[name[2..]] = name.StartsWith("S:", StringComparison.Ordinal) ? Attributes.S(value) : new AttributeValue { N = value };
            }

            return key;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Invalid();
        }
    }

    private static HttpProblemException Invalid(string detail = "The cursor is not valid.") =>
        HttpProblemException.BadRequest(detail, "cursor");
}
