using System.Text.Json;

namespace GymCoach.TestSupport;

/// <summary>
/// What a device keeps: per entity (type, id, session), the change with the highest seq it has seen. Applying a
/// change twice, or an older one after a newer, changes nothing. <see cref="State"/> is what the device shows.
/// The rule docs/sync.md gives the app, kept once for every test that plays a device.
/// </summary>
public sealed class SyncReplica
{
    private readonly Dictionary<string, (long Seq, string? Data)> _entities = new(StringComparer.Ordinal);

    public void Apply(JsonElement change)
    {
        var key = Key(change);
        var seq = change.GetProperty("seq").GetInt64();
        if (_entities.TryGetValue(key, out var held) && held.Seq > seq)
        {
            return;
        }

        _entities[key] = (seq, change.GetProperty("op").GetString() == "upsert" ? change.GetProperty("data").GetRawText() : null);
    }

    /// <summary>Every entity the device holds, by key, as JSON.</summary>
    public SortedDictionary<string, string> State =>
        new(_entities.Where(e => e.Value.Data is not null).ToDictionary(e => e.Key, e => e.Value.Data!, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The held JSON of one entity, or null.</summary>
    public JsonElement? Get(string type, string id, string? sessionId = null) =>
        _entities.TryGetValue(string.Join('|', type, sessionId ?? string.Empty, id), out var held) && held.Data is { } data ? JsonDocument.Parse(data).RootElement.Clone() : null;

    private static string Key(JsonElement change) =>
        string.Join('|', change.GetProperty("type").GetString(), change.TryGetProperty("sessionId", out var session) ? session.GetString() : string.Empty, change.GetProperty("id").GetString());
}
