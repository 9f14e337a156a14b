using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Creates under the device's own id: what an app offline makes (a plan, a custom exercise) has its id before the
/// server ever sees it, so a later upload can name it and a resend of the create lands once. The id is the
/// create's identity, as an <c>Idempotency-Key</c> is: the same create again answers what is stored, another
/// create under a used id is 409 with what holds it.
/// </summary>
public static class DeviceIds
{
    /// <summary>The create's identity: the device's <paramref name="id"/> (UUID or ULID, else 400 naming <c>id</c>) at the server's time, or <paramref name="fallback"/> without one.</summary>
    public static Creation For(string? id, Creation fallback) =>
        id is null ? fallback
        : ClientIds.IsValid(id) ? new Creation(id, fallback.At)
        : throw InvalidInputException.For("id", "Must be a UUID or a ULID made by the device.");

    /// <summary>
    /// What a create answers when its id may have been used before: <paramref name="stored"/> when it states what
    /// <paramref name="wanted"/> does (a resend: the server's own fields aside), else 409 carrying <paramref name="stored"/>.
    /// </summary>
    public static T Resent<T>(T wanted, T stored, JsonTypeInfo<T> typeInfo, IReadOnlySet<string> serverFields, string? etag)
    {
        if (Facts(wanted, typeInfo, serverFields) == Facts(stored, typeInfo, serverFields))
        {
            return stored;
        }

        throw HttpProblemException.Taken(stored, typeInfo, etag, "Something else was already created under this id; it is in current.");
    }

    private static string Facts<T>(T value, JsonTypeInfo<T> typeInfo, IReadOnlySet<string> serverFields)
    {
        var node = JsonSerializer.SerializeToNode(value, typeInfo);
        if (node is JsonObject o)
        {
            foreach (var field in serverFields)
            {
                o.Remove(field);
            }
        }

        return node?.ToJsonString() ?? "null";
    }
}
