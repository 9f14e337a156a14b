using GymCoach.Data.Calendar;
using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Workouts.Data;

namespace GymCoach.Workouts.Domain;

/// <summary>
/// Live and past sessions and their sets. Starting and logging are prepared first (validated, references
/// checked, nothing written) and then written in one transaction each, so the route can bind its answer to
/// the idempotency record inside that same transaction.
/// </summary>
public sealed class SessionService
{
    private readonly SessionRepository _sessions;
    private readonly SetRepository _sets;
    private readonly PlanService _plans;
    private readonly ScheduleService _schedule;
    private readonly ScheduleRepository _scheduleWrites;
    private readonly ExerciseLookup _exercises;
    private readonly CursorCodec _cursors;
    private readonly TimeProvider _time;
    private readonly LifterZones? _zones;

    public SessionService(SessionRepository sessions, SetRepository sets, PlanService plans, ScheduleService schedule, ScheduleRepository scheduleWrites, ExerciseLookup exercises, CursorCodec cursors, TimeProvider time, LifterZones? zones = null)
    {
        _zones = zones;
        _sessions = sessions;
        _sets = sets;
        _plans = plans;
        _schedule = schedule;
        _scheduleWrites = scheduleWrites;
        _exercises = exercises;
        _cursors = cursors;
        _time = time;
    }

    /// <summary>The session a start would create: empty, or with the plan's (or the scheduled entry's plan's) targets copied in.</summary>
    public async Task<Session> PrepareStartAsync(string userId, SessionInput input, Creation creation, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = TextRules.Name(input.Name, "name", errors, required: false);
        var notes = TextRules.Notes(input.Notes, "notes", errors);
        if (input.PlanId is not null && !TextRules.IsId(input.PlanId))
        {
            errors.Add("planId", "Is not a plan id.");
        }

        if (input.ScheduledId is not null && !TextRules.IsId(input.ScheduledId))
        {
            errors.Add("scheduledId", "Is not a scheduled workout id.");
        }

        errors.ThrowIfAny();
        var stated = UploadRules.StatedOrNow(input.StartedAt, "startedAt", creation.At);

        var planId = input.PlanId;
        if (input.ScheduledId is not null)
        {
            var entry = await Referenced(() => _schedule.GetAsync(userId, input.ScheduledId, cancellationToken), "scheduledId", "No such scheduled workout.").ConfigureAwait(false);
            if (entry.Status != ScheduledWorkout.Planned)
            {
                throw new ConflictException("A session was already started from this scheduled workout.");
            }

            planId ??= entry.PlanId;
            name ??= entry.Name;
        }

        Plan? plan = null;
        if (planId is not null)
        {
            plan = await Referenced(() => _plans.GetAsync(userId, planId, cancellationToken), "planId", "No such plan.").ConfigureAwait(false);
        }

        return new Session(
            creation.Id, name ?? plan?.Name ?? "Workout", planId, input.ScheduledId, notes, Session.InProgress, stated?.ToUniversalTime() ?? creation.At, null, null,
            plan?.Exercises ?? [], SessionTotals.None, new Dictionary<string, long>(StringComparer.Ordinal), 1, 0, null)
        {
            StartedOffset = stated?.Offset,
        };
    }

    public Task StartAsync(string userId, Session session, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        _sessions.StartAsync(userId, session, session.ScheduledId is { } scheduled ? _scheduleWrites.MarkStarted(userId, scheduled, session.Id) : null, record, cancellationToken);

    public async Task<(Session Session, List<LoggedSet> Sets)> GetAsync(string userId, string sessionId, CancellationToken cancellationToken) =>
        (TextRules.IsId(sessionId) ? await _sessions.GetWithSetsAsync(userId, sessionId, cancellationToken).ConfigureAwait(false) : null)
        ?? throw new NotFoundException("No such session.");

    /// <summary>The session in progress (the most recently started one, if the lifter left several open).</summary>
    public async Task<(Session Session, List<LoggedSet> Sets)> ActiveAsync(string userId, CancellationToken cancellationToken) =>
        (await _sessions.ActiveIdAsync(userId, cancellationToken).ConfigureAwait(false) is { } id
            ? await _sessions.GetWithSetsAsync(userId, id, cancellationToken).ConfigureAwait(false)
            : null)
        ?? throw new NotFoundException("No session is in progress.");

    /// <summary>
    /// Ends the session, now or when the device says it ended (<paramref name="input"/>); completing a completed
    /// one again answers it as it is (a retried request).
    /// </summary>
    public async Task<(Session Session, List<LoggedSet> Sets)> CompleteAsync(string userId, string sessionId, CompletionInput? input, CancellationToken cancellationToken)
    {
        var (session, sets) = await GetAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
        if (session.Status != Session.InProgress)
        {
            return (session, sets);
        }

        var now = _time.GetUtcNow();
        var stated = UploadRules.StatedOrNow(input?.CompletedAt, "completedAt", now);
        if (stated is not null || session.StartedOffset is not null)
        {
            // A start or an end by the device's clock: the workout it states lasts at most a day (a session the
            // server started and the lifter forgot to end still completes, as it always has).
            UploadRules.EnsureWithin(session.StartedAt, stated ?? now, "completedAt");
        }

        if (await _sessions.CompleteAsync(userId, session, stated?.ToUniversalTime() ?? now, stated?.Offset, cancellationToken).ConfigureAwait(false) is { } completed)
        {
            return (completed, sets);
        }

        // Completed (or changed) by another request meanwhile: answer what is stored now.
        return await GetAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task DiscardAsync(string userId, string sessionId, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var session = TextRules.IsId(sessionId) ? await _sessions.GetAsync(userId, sessionId, cancellationToken).ConfigureAwait(false) : null;
        if (session is null && !(TextRules.IsId(sessionId) && await _sessions.IsDiscardingAsync(userId, sessionId, cancellationToken).ConfigureAwait(false)))
        {
            throw new NotFoundException("No such session.");
        }

        await _sessions.DiscardAsync(userId, session, sessionId, precondition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<Session> Items, string? NextCursor)> HistoryAsync(string userId, DateOnly? from, DateOnly? to, string? exerciseId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (exerciseId is not null && !TextRules.IsExerciseId(exerciseId))
        {
            throw InvalidInputException.For("exerciseId", "Is not an exercise id.");
        }

        RefuseReversed(from, to);
        var binding = $"sessions|{from}|{to}|{exerciseId}";
        var start = _cursors.Decode(cursor, userId, binding, CursorScope.Index(Keys.SessionHistoryIndex(userId), Keys.User(userId), Keys.SessionPrefix));
        var zone = await ZoneForAsync(userId, from, to, cancellationToken).ConfigureAwait(false);
        var (items, last) = await _sessions.HistoryAsync(userId, from, to, zone, exerciseId, limit, start, cancellationToken).ConfigureAwait(false);
        return (items, _cursors.Encode(last, userId, binding));
    }

    /// <summary>
    /// Stores a whole workout under the device's id: creates it, answers a resend of the same upload as it is,
    /// or replaces it when <paramref name="precondition"/> names its current version (If-Match). An upload based
    /// on another version is <see cref="UploadOutcome.Stale"/> (the route answers 412 with the session), never
    /// applied; a workout that was discarded is not brought back by an edit of it (404).
    /// </summary>
    public async Task<UploadResult> UploadAsync(string userId, string sessionId, WorkoutUpload input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        if (!TextRules.IsId(sessionId))
        {
            throw InvalidInputException.For("sessionId", "Must be a UUID or a ULID made by the device.");
        }

        var now = _time.GetUtcNow();
        var upload = UploadRules.Validate(sessionId, input, now);
        var edit = precondition.Kind is PreconditionKind.Version or PreconditionKind.AnyExisting;
        var read = await _sessions.ReadCollectionAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
        if (edit && read.Session is null or { Status: Session.Discarded })
        {
            // An edit of a session that is not there (discarded, or never uploaded): the deletion wins, nothing is made.
            throw new NotFoundException("No such session.");
        }

        await _exercises.EnsureExistAsync(userId, upload.ExerciseRefs, cancellationToken, unprocessable: true).ConfigureAwait(false);
        Plan? plan = null;
        if (upload.Session.PlanId is { } planId)
        {
            try
            {
                plan = await _plans.GetAsync(userId, planId, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                throw UnprocessableInputException.For("planId", $"No plan '{planId}' among yours.");
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            // The first attempt decides on what was read above; a retry (another write landed meanwhile) reads again.
            var (stored, storedSets) = attempt == 1 ? read : await _sessions.ReadCollectionAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
            if (stored is { Status: Session.Discarded })
            {
                throw new ConflictException("This session was discarded; it is still being removed.");
            }

            if (stored is not null && stored.PendingUpload is null && stored.UploadHash == upload.Session.UploadHash)
            {
                return new UploadResult(stored.Version == 1 ? UploadOutcome.AlreadyCreated : UploadOutcome.AlreadyApplied, stored, storedSets);
            }

            UploadExpectation expected;
            if (stored is null)
            {
                if (edit)
                {
                    throw new NotFoundException("No such session.");
                }

                expected = new UploadExpectation.Absent();
            }
            else if (stored.PendingUpload == upload.Session.UploadHash)
            {
                expected = new UploadExpectation.Pending(stored.PendingUpload!);
            }
            else if (precondition.Kind == PreconditionKind.AnyExisting || (precondition.Kind == PreconditionKind.Version && precondition.Versions!.Contains(stored.Version)))
            {
                expected = new UploadExpectation.AtVersion(stored.Version);
            }
            else
            {
                return new UploadResult(UploadOutcome.Stale, stored, storedSets);
            }

            var (next, sets, puts, deletes) = Merge(upload, plan, stored, storedSets, now);
            try
            {
                var written = await _sessions.UploadAsync(userId, next, puts, deletes, expected, cancellationToken).ConfigureAwait(false);
                return new UploadResult(stored is null || stored.Version == 0 ? UploadOutcome.Created : UploadOutcome.Replaced, written, sets);
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                // Another write landed between the read and this one: decide again on what is there now.
            }
        }
    }

    /// <summary>
    /// The session an upload leaves, and the set writes that get there from what is stored: a set whose facts did
    /// not change is kept as it is (its version too), a changed one gets its next version, one the upload no longer
    /// has is removed.
    /// </summary>
    private static (Session Next, List<LoggedSet> Sets, List<LoggedSet> Puts, List<LoggedSet> Deletes) Merge(
        UploadedWorkout upload, Plan? plan, Session? stored, List<LoggedSet> storedSets, DateTimeOffset now)
    {
        var existing = storedSets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var sets = new List<LoggedSet>(upload.Sets.Count);
        var puts = new List<LoggedSet>();
        foreach (var set in upload.Sets)
        {
            if (existing.Remove(set.Id, out var old))
            {
                var kept = old.SameFacts(set) ? old : set with { Version = old.Version + 1, CreatedAt = old.CreatedAt, UpdatedAt = now };
                sets.Add(kept);
                if (!ReferenceEquals(kept, old))
                {
                    puts.Add(kept);
                }
            }
            else
            {
                sets.Add(set);
                puts.Add(set);
            }
        }

        var deletes = existing.Values.ToList();
        var session = upload.Session;
        var changes = puts.Count + deletes.Count;
        // A session stored at version 0 is a large create's claim, not yet a workout: finishing it is still the create.
        var before = stored is { Version: > 0 } ? stored : null;
        var next = session with
        {
            Name = !upload.Named && plan is not null ? plan.Name : session.Name,
            Targets = plan is null ? [] : plan.Id == before?.PlanId ? before.Targets : plan.Exercises,
            ScheduledId = before?.ScheduledId,
            // The version after the stored one (a large edit's claim moves it once more: the repository says so).
            Version = (stored?.Version ?? 0) + 1,
            Revision = before is null ? upload.Sets.Count : before.Revision + changes,
            ChangedAt = before is null ? null : changes > 0 ? now : before.ChangedAt,
        };
        return (next, LoggedSet.InOrder(sets), puts, deletes);
    }

    /// <summary>The set a log would store: validated, its exercise known to exist. Nothing is written.</summary>
    public async Task<LoggedSet> PrepareSetAsync(string userId, string sessionId, SetInput input, Creation creation, CancellationToken cancellationToken)
    {
        if (!TextRules.IsId(sessionId))
        {
            throw new NotFoundException("No such session.");
        }

        try
        {
            if (input.Id is not null && !ClientIds.IsValid(input.Id))
            {
                throw InvalidInputException.For("id", "Must be a UUID or a ULID made by the device.");
            }

            var set = SetRules.Validate(input, input.Id ?? creation.Id, sessionId, 1, creation.At, creation.At);
            await _exercises.EnsureExistAsync(userId, [("exerciseId", set.ExerciseId)], cancellationToken).ConfigureAwait(false);
            return set;
        }
        catch (InvalidInputException)
        {
            // Only on the refusal path (the happy path reads nothing): a set for a session that is not the
            // caller's is 404 whatever its body says, so a body's errors never tell a session exists.
            if (await _sessions.GetAsync(userId, sessionId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new NotFoundException("No such session.");
            }

            throw;
        }
    }

    /// <summary>
    /// Logs the set; when its id is already taken (the device sent it before and lost the answer) the stored set is
    /// answered if it states the same set, and a <see cref="SetIdTakenException"/> carries it when it does not.
    /// </summary>
    public async Task<LoggedSet> LogSetAsync(string userId, LoggedSet set, bool timeStated, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        if (await _sets.LogAsync(userId, set, record, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return set;
        }

        return stored.SameFacts(timeStated ? set : set with { LoggedAt = stored.LoggedAt }) ? stored : throw new SetIdTakenException(stored);
    }

    public async Task<LoggedSet> ReplaceSetAsync(string userId, string sessionId, string setId, SetInput input, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetSetAsync(userId, sessionId, setId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var set = SetRules.Validate(input, current.Id, sessionId, current.Version + 1, current.CreatedAt, now, current.LoggedAt); // a correction keeps its place in time
        await _exercises.EnsureExistAsync(userId, [("exerciseId", set.ExerciseId)], cancellationToken).ConfigureAwait(false);
        await _sets.ReplaceAsync(userId, current, set, precondition, now, cancellationToken).ConfigureAwait(false);
        return set;
    }

    public async Task DeleteSetAsync(string userId, string sessionId, string setId, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetSetAsync(userId, sessionId, setId, cancellationToken).ConfigureAwait(false);
        await _sets.DeleteAsync(userId, current, precondition, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<(IReadOnlyList<LoggedSet> Items, string? NextCursor)> ExerciseSetsAsync(string userId, string exerciseId, DateOnly? from, DateOnly? to, int limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!TextRules.IsExerciseId(exerciseId) || !await _exercises.ExistsAsync(userId, exerciseId, cancellationToken).ConfigureAwait(false))
        {
            throw new NotFoundException("No such exercise.");
        }

        RefuseReversed(from, to);
        var binding = $"exercise-sets|{exerciseId}|{from}|{to}";
        var start = _cursors.Decode(cursor, userId, binding, CursorScope.Index(Keys.ExerciseSetIndex(userId, exerciseId), Keys.User(userId), Keys.SessionPrefix));
        var zone = await ZoneForAsync(userId, from, to, cancellationToken).ConfigureAwait(false);
        var (items, last) = await _sets.ForExerciseAsync(userId, exerciseId, from, to, zone, limit, start, cancellationToken).ConfigureAwait(false);
        return (items, _cursors.Encode(last, userId, binding));
    }

    private async Task<LoggedSet> GetSetAsync(string userId, string sessionId, string setId, CancellationToken cancellationToken) =>
        (TextRules.IsId(sessionId) && TextRules.IsId(setId) ? await _sets.GetAsync(userId, sessionId, setId, cancellationToken).ConfigureAwait(false) : null)
        ?? throw new NotFoundException("No such set.");

    /// <summary>The zone a list's from/to days are the lifter's days in; read only when the request names a day.</summary>
    private async Task<string> ZoneForAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        (from is not null || to is not null) && _zones is not null ? await _zones.OfAsync(userId, cancellationToken).ConfigureAwait(false) : LocalCalendar.DefaultZone;

    private static void RefuseReversed(DateOnly? from, DateOnly? to)
    {
        if (from > to)
        {
            throw InvalidInputException.For("to", "Must not be before from.");
        }
    }

    /// <summary>A referenced resource the body names: its absence is the body's fault (400 naming the field), not a missing route resource.</summary>
    private static async Task<T> Referenced<T>(Func<Task<T>> read, string field, string message)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            throw InvalidInputException.For(field, message);
        }
    }
}
