using System.Text.Json;

namespace GymCoach.Sync.Domain;

/// <summary>
/// One change of GET /sync: an upsert (<c>op: "upsert"</c>, the entity's GET JSON in <see cref="Data"/> and its
/// version) or a tombstone (<c>op: "delete"</c>, with <see cref="DeletedAt"/>). <see cref="Seq"/> orders changes
/// of one lifter: a device that keeps, per entity, the change with the highest seq ends with the server's state,
/// and seeing a change twice does no harm.
/// </summary>
public sealed class SyncChange
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";

    /// <summary><c>upsert</c> or <c>delete</c>.</summary>
    public required string Op { get; init; }

    /// <summary>profile, preferences, measurement, photo, exercise, plan, schedule, session, set, record or achievement.</summary>
    public required string Type { get; init; }

    /// <summary>The entity's id (<c>me</c> for the profile and preferences; the exercise id for a record; the code for an achievement).</summary>
    public required string Id { get; init; }

    /// <summary>For a set: the session it belongs to.</summary>
    public string? SessionId { get; init; }

    /// <summary>The change's place in the lifter's change log.</summary>
    public required long Seq { get; init; }

    /// <summary>The entity's version (its ETag) where it has one.</summary>
    public long? Version { get; init; }

    /// <summary>The entity as its own GET returns it (upserts).</summary>
    public JsonElement? Data { get; init; }

    /// <summary>When it was deleted (tombstones).</summary>
    public string? DeletedAt { get; init; }
}

/// <summary>A page of GET /sync. <see cref="NextCursor"/> is always there: the next sync starts from it, even when nothing changed.</summary>
public sealed class SyncResponse
{
    public required List<SyncChange> Changes { get; init; }

    public required string NextCursor { get; init; }

    /// <summary>More changes are waiting: ask again with <see cref="NextCursor"/> now.</summary>
    public required bool HasMore { get; init; }
}
