using GymCoach.Data;
using GymCoach.Data.Streams;

namespace GymCoach.Analytics.Stream;

/// <summary>What a stream record means to Analytics: which user, whether a session, a measurement or a job changed, and whether its item was removed.</summary>
public sealed record StreamChange(string UserId, string? SessionId, bool Measurement, string? JobId, bool Removal = false)
{
    /// <summary>
    /// The change a record announces; null for items Analytics does not derive from (the template's filter keeps
    /// most of them away; a record that slips through is skipped, not failed). A record of a user partition
    /// without a subject cannot be applied and throws (so it is retried, then dead-lettered).
    /// </summary>
    public static StreamChange? Of(StreamRecord record)
    {
        if (UserItemKey.Of(record) is not var (userId, sk))
        {
            return null;
        }

        var removal = record.EventName == StreamEventName.Remove;

        if (sk.StartsWith(Keys.SessionPrefix, StringComparison.Ordinal))
        {
            var rest = sk[Keys.SessionPrefix.Length..];
            var set = rest.IndexOf(Keys.SetInfix, StringComparison.Ordinal);
            return new StreamChange(userId, set < 0 ? rest : rest[..set], false, null, removal);
        }

        if (sk.StartsWith(Keys.MeasurementPrefix, StringComparison.Ordinal))
        {
            return new StreamChange(userId, null, true, null, removal);
        }

        if (sk == Keys.PreferencesSortKey || sk == Keys.ProfileSortKey)
        {
            // A new time zone moves sessions to other days the same way: the update sees it differ from the summary's.
            // A new week start changes every week and the streak: the update sees it differ from the summary's and rebuilds.
            return new StreamChange(userId, null, false, null, removal);
        }

        if (sk.StartsWith(Keys.AnalyticsJobPrefix, StringComparison.Ordinal) && record.EventName != StreamEventName.Remove)
        {
            // A job queued, or handed over to its next segment (the job mapping's filter passes only those).
            return new StreamChange(userId, null, false, sk[Keys.AnalyticsJobPrefix.Length..]);
        }

        return null;
    }
}
