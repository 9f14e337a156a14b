using GymCoach.Data;

namespace GymCoach.Profiles.Export;

/// <summary>
/// Which domain of the export an item belongs to, from the first segment of its sort key. Items of one segment
/// sort together, so reading the partition in key order visits each domain's items in one run. The names are
/// the ones docs/export.md documents; a segment not listed here is exported under its own lower-cased name.
/// </summary>
public static class ExportDomains
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["ACTIVE"] = "active-sessions",
        ["ANALYTICS"] = "analytics",
        ["BODYWEIGHT"] = "latest-weight",
        ["COUNT"] = "counts",
        ["DELETION"] = "account",
        ["EXERCISE"] = "exercises",
        ["EXPORT"] = "exports",
        ["IDEMPOTENCY"] = "requests",
        ["JOBS"] = "jobs",
        ["MEASUREMENT"] = "measurements",
        ["PHOTO"] = "photos",
        ["PLAN"] = "plans",
        ["PREFERENCES"] = "preferences",
        ["PROFILE"] = "profile",
        ["SCHEDULE"] = "schedule",
        ["SESSION"] = "sessions",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    /// <summary>
    /// The sync change log (<c>SYNC</c>, <c>SYNC#…</c>) is left out of the export: it names changes without holding
    /// any of the lifter's data, and grows while the export runs (every item the export reads was written by a
    /// change the log records).
    /// </summary>
    public static bool IsChangeLog(string sortKey) =>
        sortKey == Keys.SyncHead || sortKey.StartsWith(Keys.SyncLogPrefix, StringComparison.Ordinal);

    public static string Of(string sortKey)
    {
        var end = sortKey.IndexOf('#', StringComparison.Ordinal);
        var segment = end < 0 ? sortKey : sortKey[..end];
        return Names.TryGetValue(segment, out var name) ? name : segment.ToLowerInvariant();
    }
}
