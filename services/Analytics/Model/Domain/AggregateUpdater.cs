using GymCoach.Analytics.Data;
using GymCoach.Data;
using GymCoach.Data.Batching;

namespace GymCoach.Analytics.Domain;

/// <summary>What changed for one user, as a batch of stream records (or a recompute) says.</summary>
/// <remarks>
/// <paramref name="OnlyRemovals"/>: every record named an item that was deleted. <paramref name="Reaggregate"/>:
/// every week and record is rewritten (and the stale ones deleted) from the stored digests, which are not re-read
/// from the sessions: a rebuild's last step, once its segments have rebuilt every digest.
/// </remarks>
public sealed record UserChanges(string UserId, IReadOnlySet<string> Sessions, bool Measurements, bool Everything, bool OnlyRemovals = false, bool Reaggregate = false)
{
    public static UserChanges Rebuild(string userId) => new(userId, new HashSet<string>(StringComparer.Ordinal), true, true);

    public static UserChanges FromDigests(string userId) => new(userId, new HashSet<string>(StringComparer.Ordinal), true, false, Reaggregate: true);
}

/// <summary>What an update wrote, for a job's status and the logs.</summary>
public sealed record UpdateOutcome(int Sessions, int DigestsWritten, int Weeks, int Records, int AchievementsAwarded, long DataVersion)
{
    /// <summary>An update that wrote nothing.</summary>
    public static UpdateOutcome Nothing(long dataVersion) => new(0, 0, 0, 0, 0, dataVersion);
}

/// <summary>
/// Brings one user's aggregates up to date. It never applies a record's delta: it re-reads the sessions a batch
/// names as they are <i>now</i>, rebuilds their digests and derives every aggregate from the digests. So a
/// redelivered record changes nothing, a reordered one cannot resurrect a deleted set, and an edit after
/// completion simply shows. Only what the changed sessions touch is rewritten (their weeks and exercises, the
/// summary); a rebuild rewrites everything and deletes what is no longer derived.
/// </summary>
public sealed class AggregateUpdater
{
    public const int ParallelReads = 8;

    private readonly AggregateStore _store;
    private readonly WorkoutHistory _history;
    private readonly ExerciseMuscles _muscles;
    private readonly TimeProvider _time;
    private readonly Derivation _derivation;

    public AggregateUpdater(AggregateStore store, WorkoutHistory history, ExerciseMuscles muscles, TimeProvider time, Derivation? derivation = null)
    {
        _store = store;
        _history = history;
        _muscles = muscles;
        _time = time;
        _derivation = derivation ?? Derivation.Current;
    }

    public async Task<UpdateOutcome> UpdateAsync(UserChanges changes, CancellationToken cancellationToken)
    {
        var userId = changes.UserId;
        var stateTask = _store.StateAsync(userId, cancellationToken);
        var digestsTask = _store.DigestsAsync(userId, _derivation.Digests, cancellationToken);
        var achievementsTask = _store.AchievementsAsync(userId, cancellationToken);
        var state = await stateTask.ConfigureAwait(false);
        var (digests, staleDigests) = await digestsTask.ConfigureAwait(false);
        var stored = await achievementsTask.ConfigureAwait(false);
        if (state.Deleting || (changes.OnlyRemovals && state.Summary is null && digests.Count == 0))
        {
            // The account is being deleted: writing now would leave something behind once the sweep has passed.
            // Or removals when nothing was ever derived (the sweep's own records, arriving after the account is
            // gone): a removal can only take away, and there is nothing to take away from.
            return UpdateOutcome.Nothing(state.DataVersion);
        }

        var weekStart = WeekCalendar.Parse(state.WeekStartDay);
        // Aggregates are all rewritten from the digests when the week start or the aggregate formula changed.
        var everything = changes.Everything || changes.Reaggregate
            || (state.Summary is { } s && (s.WeekStartDay != state.WeekStartDay || s.TimeZone != state.TimeZone || state.SummaryDerivation < _derivation.Aggregates));
        var sessionIds = new HashSet<string>(changes.Sessions, StringComparer.Ordinal);

        // Digests an older formula made are re-derived from their sessions, a bounded number per update.
        var rederived = staleDigests.Take(Derivation.StaleDigestsPerUpdate).ToHashSet(StringComparer.Ordinal);
        sessionIds.UnionWith(rederived);
        if (changes.Everything)
        {
            sessionIds.UnionWith(await _history.SessionIdsAsync(userId, cancellationToken).ConfigureAwait(false));
            sessionIds.UnionWith(digests.Keys);
        }

        var rebuilt = await RebuildDigestsAsync(userId, sessionIds.Order(StringComparer.Ordinal).ToList(), state.TimeZone, cancellationToken).ConfigureAwait(false);
        var bodyweight = !changes.Measurements && state.Summary is not null ? state.Summary.Bodyweight
            : state.LatestWeightKnown ? state.LatestWeight
            : await _history.LatestBodyweightAsync(userId, cancellationToken).ConfigureAwait(false);

        var before = new Dictionary<string, SessionDigest>(digests, StringComparer.Ordinal);

        // When everything is rewritten (among others when the lifter's zone changed), a digest dated in another zone
        // moves to its day in the lifter's zone: a new day is a changed digest. Otherwise every digest was dated in
        // the zone the summary names, which is the lifter's, and nothing is re-dated.
        foreach (var (id, digest) in everything ? digests : [])
        {
            if (!rebuilt.ContainsKey(id) && digest.InZone(state.TimeZone) is var dated && dated.Day != digest.Day)
            {
                rebuilt[id] = dated;
            }
        }

        foreach (var (id, digest) in rebuilt)
        {
            if (digest is null)
            {
                digests.Remove(id);
            }
            else
            {
                digests[id] = digest;
            }
        }

        if (!changes.Everything && state.Summary is null && before.Count == 0 && digests.Count == 0 && bodyweight is null && stored.Count == 0)
        {
            // Nothing derived before and nothing to derive now: a record of an account already deleted (delivered
            // late, after the deletion's sweep), or of sessions never completed. No summary of nothing is written.
            return UpdateOutcome.Nothing(state.DataVersion);
        }

        var aggregates = AggregateBuilder.Build(digests.Values, bodyweight, weekStart, stored, state.TimeZone);
        var operations = new List<WriteOperation>();
        var changedIds = rebuilt.Keys.Where(id => !Same(before.GetValueOrDefault(id), rebuilt[id])).ToList();
        foreach (var id in changes.Everything ? rebuilt.Keys.ToList() : changedIds.Union(rederived.Where(rebuilt.ContainsKey)).ToList())
        {
            operations.Add(rebuilt[id] is { } digest ? AggregateStore.PutDigest(userId, digest, _derivation.Digests) : AggregateStore.Delete(userId, Keys.AnalyticsSession(id)));
        }

        var touched = changedIds.SelectMany(id => new[] { before.GetValueOrDefault(id), rebuilt[id] }).OfType<SessionDigest>().ToList();
        var weeks = everything
            ? await StaleAndCurrentAsync(userId, Keys.AnalyticsWeekPrefix, aggregates.Weeks.Keys.Select(Keys.AnalyticsWeek), cancellationToken).ConfigureAwait(false)
            : touched.Select(d => Keys.AnalyticsWeek(WeekCalendar.WeekOf(d.Day, weekStart))).ToHashSet(StringComparer.Ordinal);
        var weeksByKey = aggregates.Weeks.Values.ToDictionary(w => Keys.AnalyticsWeek(w.WeekStart), StringComparer.Ordinal);
        foreach (var key in weeks)
        {
            operations.Add(weeksByKey.TryGetValue(key, out var week) ? AggregateStore.PutWeek(userId, week) : AggregateStore.Delete(userId, key));
        }

        var records = everything
            ? await StaleAndCurrentAsync(userId, Keys.AnalyticsRecordPrefix, aggregates.Records.Keys.Select(Keys.AnalyticsRecord), cancellationToken).ConfigureAwait(false)
            : touched.SelectMany(d => d.Exercises.Keys).Select(Keys.AnalyticsRecord).ToHashSet(StringComparer.Ordinal);
        var recordsByKey = aggregates.Records.Values.ToDictionary(r => Keys.AnalyticsRecord(r.ExerciseId), StringComparer.Ordinal);
        foreach (var key in records)
        {
            operations.Add(recordsByKey.TryGetValue(key, out var record) ? AggregateStore.PutRecord(userId, record) : AggregateStore.Delete(userId, key));
        }

        await _store.WriteAsync(operations, cancellationToken).ConfigureAwait(false);
        await _store.SaveSummaryAsync(userId, aggregates.Summary, state.DataVersion, _derivation.Aggregates, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        var held = stored.ToDictionary(a => a.Code, a => a.EarnedAt, StringComparer.Ordinal);
        var awarded = 0;
        foreach (var achievement in aggregates.Earned)
        {
            if (!held.TryGetValue(achievement.Code, out var earnedAt))
            {
                awarded += await _store.AwardAsync(userId, achievement, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
            else if (string.CompareOrdinal(achievement.EarnedAt, earnedAt) < 0)
            {
                // Earned once, never twice; but records replayed out of order can have awarded it from a later
                // session first. The history now shows it was earned earlier: that is when it was earned.
                await _store.MoveEarnedAtEarlierAsync(userId, achievement, cancellationToken).ConfigureAwait(false);
            }
        }

        return new UpdateOutcome(digests.Count, changedIds.Count, weeks.Count, records.Count, awarded, state.DataVersion + 1);
    }

    /// <summary>
    /// A rebuild's step: rebuilds the digests of <paramref name="sessionIds"/> from the sessions as stored now and
    /// writes them (a session that is gone, or not completed, loses its digest); how many digests were written or removed.
    /// </summary>
    public async Task<int> RebuildDigestPageAsync(string userId, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        var zone = await _store.ZoneAsync(userId, cancellationToken).ConfigureAwait(false);
        var rebuilt = await RebuildDigestsAsync(userId, sessionIds.ToList(), zone, cancellationToken).ConfigureAwait(false);
        var operations = rebuilt.Select(r => r.Value is { } digest ? AggregateStore.PutDigest(userId, digest, _derivation.Digests) : AggregateStore.Delete(userId, Keys.AnalyticsSession(r.Key))).ToList();
        await _store.WriteAsync(operations, cancellationToken).ConfigureAwait(false);
        return operations.Count;
    }

    /// <summary>A rebuild's step: removes the digests of sessions that no longer exist; how many.</summary>
    public async Task<int> RemoveDigestsAsync(string userId, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        await _store.WriteAsync(sessionIds.Select(id => AggregateStore.Delete(userId, Keys.AnalyticsSession(id))).ToList(), cancellationToken).ConfigureAwait(false);
        return sessionIds.Count;
    }

    /// <summary>Digests are equal when they serialize the same (records compare their collections by reference).</summary>
    private static bool Same(SessionDigest? a, SessionDigest? b) =>
        a is null || b is null
            ? a is null && b is null
            : System.Text.Json.JsonSerializer.Serialize(a, AnalyticsJsonContext.Default.SessionDigest) == System.Text.Json.JsonSerializer.Serialize(b, AnalyticsJsonContext.Default.SessionDigest);

    private async Task<Dictionary<string, SessionDigest?>> RebuildDigestsAsync(string userId, List<string> sessionIds, string zone, CancellationToken cancellationToken)
    {
        var facts = new SessionFacts?[sessionIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sessionIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, ct) => facts[i] = await _history.SessionAsync(userId, sessionIds[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var exerciseIds = facts.OfType<SessionFacts>().Where(f => f.Status == SessionFacts.Completed).SelectMany(f => f.Sets.Select(s => s.ExerciseId));
        var muscles = await _muscles.OfAsync(userId, exerciseIds, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, SessionDigest?>(StringComparer.Ordinal);
        for (var i = 0; i < sessionIds.Count; i++)
        {
            result[sessionIds[i]] = facts[i] is { } f ? SessionDigest.From(f, id => muscles.GetValueOrDefault(id) ?? [], zone) : null;
        }

        return result;
    }

    private async Task<HashSet<string>> StaleAndCurrentAsync(string userId, string prefix, IEnumerable<string> current, CancellationToken cancellationToken)
    {
        var keys = (await _store.SortKeysAsync(userId, prefix, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        keys.UnionWith(current);
        return keys;
    }
}
