using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GymCoach.Data;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Workouts.Domain;

/// <summary>A whole workout as validated: the session and its sets as they would be stored new, the exercise references to check, and its digest.</summary>
/// <param name="Session">The session as it would be stored new.</param>
/// <param name="Sets">Its sets, in the upload's order.</param>
/// <param name="ExerciseRefs">Each exercise id with the JSON path that named it, to check they exist.</param>
/// <param name="Named">Whether the device named it; otherwise it takes its plan's name, or "Workout".</param>
public sealed record UploadedWorkout(Session Session, IReadOnlyList<LoggedSet> Sets, IReadOnlyList<(string Field, string ExerciseId)> ExerciseRefs, bool Named);

/// <summary>
/// Rules for a whole-workout upload. A malformed field is a 400 naming its JSON path; a well-formed upload beyond
/// a bound (dated before 1970 or in the server's future, longer than a day, too many exercises or sets) is a 422
/// naming it. Every violation is reported at once.
/// </summary>
public static class UploadRules
{
    public const int MaxExercises = 100;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>How far ahead of the server's clock a device's times may be (clocks drift; a workout cannot end in the future).</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(10);

    /// <summary>How far outside its workout's start and end a set's own time may fall (the device stamps them separately).</summary>
    public static readonly TimeSpan SetSlack = TimeSpan.FromMinutes(1);

    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    private const string StatedTime = "Must be an RFC 3339 time with seconds and the device's UTC offset, such as 2026-12-01T07:05:00+11:00.";

    public static UploadedWorkout Validate(string sessionId, WorkoutUpload input, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var bounds = new ValidationErrors();
        var name = TextRules.Name(input.Name, "name", errors, required: false);
        var notes = TextRules.Notes(input.Notes, "notes", errors);
        if (input.PlanId is not null && !TextRules.IsId(input.PlanId))
        {
            errors.Add("planId", "Is not a plan id.");
        }

        var started = Stated(input.StartedAt, "startedAt", errors, bounds, now);
        var completed = Stated(input.CompletedAt, "completedAt", errors, bounds, now);
        if (started is { } s && completed is { } c)
        {
            if (c < s)
            {
                bounds.Add("completedAt", "Must not be before startedAt.");
            }
            else if (c - s > MaxDuration)
            {
                bounds.Add("completedAt", $"A workout lasts at most {MaxDuration.TotalHours:0} hours.");
            }
        }

        var exercises = input.Exercises;
        if (exercises is null)
        {
            errors.Add("exercises", "Is required (an empty list for a workout without sets).");
            exercises = [];
        }
        else if (exercises.Count > MaxExercises)
        {
            bounds.Add("exercises", $"A workout holds at most {MaxExercises} exercises.");
        }

        var total = exercises.Sum(e => e?.Sets?.Count ?? 0);
        if (total > Session.MaxSets)
        {
            bounds.Add("exercises", $"A workout holds at most {Session.MaxSets} sets; this one has {total}.");
        }

        var sets = new List<LoggedSet>(total);
        var refs = new List<(string, string)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < exercises.Count && !bounds.HasErrors; i++)
        {
            var exercise = exercises[i];
            var path = $"exercises[{i}]";
            if (exercise is null)
            {
                errors.Add(path, "Is required.");
                continue;
            }

            if (exercise.ExerciseId is null)
            {
                errors.Add(path + ".exerciseId", "Is required.");
            }
            else if (!TextRules.IsExerciseId(exercise.ExerciseId))
            {
                errors.Add(path + ".exerciseId", "Is not an exercise id.");
            }
            else
            {
                refs.Add((path + ".exerciseId", exercise.ExerciseId));
            }

            if (exercise.Sets is null)
            {
                errors.Add(path + ".sets", "Is required (an empty list when none was done).");
                continue;
            }

            for (var j = 0; j < exercise.Sets.Count; j++)
            {
                if (Set(exercise.ExerciseId, exercise.Sets[j], $"{path}.sets[{j}]", sessionId, sets.Count, started, completed, ids, errors, bounds, now) is { } set)
                {
                    sets.Add(set);
                }
            }
        }

        errors.ThrowIfAny();
        bounds.ThrowIfAnyUnprocessable();
        var start = started!.Value;
        var end = completed!.Value;
        var totals = sets.Aggregate(SessionTotals.None, (sum, set) => sum.Plus(set.Contribution));
        var perExercise = sets.GroupBy(set => set.ExerciseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var session = new Session(
            sessionId, name ?? "Workout", input.PlanId, null, notes, Session.Completed, start.ToUniversalTime(), end.ToUniversalTime(),
            (long)(end - start).TotalSeconds, [], totals, perExercise, 1, sets.Count, null)
        {
            StartedOffset = start.Offset,
            CompletedOffset = end.Offset,
        };
        return new UploadedWorkout(session with { UploadHash = Digest(session, sets) }, sets, refs, name is not null);
    }

    /// <summary>
    /// What identifies an upload's content: the same workout sent again has the same digest, whatever its JSON
    /// spelling (member order, number format, trimmed text), so a resent upload is recognised and answered.
    /// </summary>
    public static string Digest(Session session, IReadOnlyList<LoggedSet> sets)
    {
        var text = new StringBuilder();
        text.AppendJoin('\u001f', session.Name, session.Notes, session.PlanId, Timestamps.ToApiWithOffset(session.StartedAt.ToOffset(session.StartedOffset ?? TimeSpan.Zero)),
            session.CompletedAt is { } c ? Timestamps.ToApiWithOffset(c.ToOffset(session.CompletedOffset ?? TimeSpan.Zero)) : null);
        foreach (var set in sets)
        {
            text.Append('\u001e').AppendJoin('\u001f', set.Id, set.ExerciseId, set.Type, Number(set.Reps), Number(set.WeightKg), Number(set.DurationSeconds),
                Number(set.DistanceMeters), Number(set.Rpe), Timestamps.ToApi(set.LoggedAt), Number(set.Position), set.Notes);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A live session's start or end as the device stated it (null when absent): 400 when malformed, 422 before 1970 or in the server's future.</summary>
    public static DateTimeOffset? StatedOrNow(string? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var errors = new ValidationErrors();
        var bounds = new ValidationErrors();
        var stated = Stated(value, field, errors, bounds, now);
        errors.ThrowIfAny();
        bounds.ThrowIfAnyUnprocessable();
        return stated;
    }

    /// <summary>A completion time against its session's start: 422 when before it or more than <see cref="MaxDuration"/> after.</summary>
    public static void EnsureWithin(DateTimeOffset started, DateTimeOffset completed, string field)
    {
        if (completed < started)
        {
            throw UnprocessableInputException.For(field, "Must not be before the session's start.");
        }

        if (completed - started > MaxDuration)
        {
            throw UnprocessableInputException.For(field, $"A workout lasts at most {MaxDuration.TotalHours:0} hours.");
        }
    }

    private static DateTimeOffset? Stated(string? value, string field, ValidationErrors errors, ValidationErrors bounds, DateTimeOffset now)
    {
        if (value is null)
        {
            errors.Add(field, "Is required.");
            return null;
        }

        if (!Timestamps.TryParseWithOffset(value, out var stated))
        {
            errors.Add(field, StatedTime);
            return null;
        }

        if (stated < Earliest)
        {
            bounds.Add(field, "Must not be before 1970.");
        }
        else if (stated > now + FutureSkew)
        {
            bounds.Add(field, $"Must not be more than {FutureSkew.TotalMinutes:0} minutes ahead of the server's clock ({Timestamps.ToApi(now)}).");
        }

        return stated;
    }

    private static LoggedSet? Set(
        string? exerciseId, UploadedSet? input, string path, string sessionId, int position, DateTimeOffset? started, DateTimeOffset? completed,
        HashSet<string> ids, ValidationErrors errors, ValidationErrors bounds, DateTimeOffset now)
    {
        if (input is null)
        {
            errors.Add(path, "Is required.");
            return null;
        }

        if (input.Id is null)
        {
            errors.Add(path + ".id", "Is required: the device's id for the set (a UUID or a ULID).");
        }
        else if (!ClientIds.IsValid(input.Id))
        {
            errors.Add(path + ".id", "Must be a UUID or a ULID.");
        }
        else if (!ids.Add(input.Id))
        {
            errors.Add(path + ".id", "Is used by another set of this workout.");
        }

        DateTimeOffset? performed = null;
        if (input.PerformedAt is not null)
        {
            if (!Timestamps.TryParse(input.PerformedAt, out var at))
            {
                errors.Add(path + ".performedAt", StatedTime);
            }
            else if (started is { } s && completed is { } c && (at < s - SetSlack || at > c + SetSlack))
            {
                bounds.Add(path + ".performedAt", "Must be within the workout, from startedAt to completedAt.");
            }

            performed = at;
        }

        try
        {
            var set = SetRules.Validate(
                new SetInput
                {
                    ExerciseId = exerciseId ?? "-",
                    Reps = input.Reps,
                    WeightKg = input.WeightKg,
                    DurationSeconds = input.DurationSeconds,
                    DistanceMeters = input.DistanceMeters,
                    Rpe = input.Rpe,
                    Type = input.Type,
                    Notes = input.Notes,
                },
                input.Id ?? "-",
                sessionId,
                1,
                now,
                now,
                performed ?? started ?? now);
            return set with { Position = position };
        }
        catch (InvalidInputException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                if (field == "exerciseId")
                {
                    continue; // named once, on the exercise
                }

                foreach (var message in messages)
                {
                    errors.Add($"{path}.{field}", message);
                }
            }

            return null;
        }
    }
}
