using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;

namespace GymCoach.Workouts.Domain;

/// <summary>Rules for a logged set; every violation is reported at once.</summary>
public static class SetRules
{
    public const int MaxReps = 1000;
    public const double MaxWeightKg = 1000;
    public const int MaxDurationSeconds = 86_400;
    public const double MaxDistanceMeters = 1_000_000;

    /// <summary>How far ahead of the server's clock a phone's <c>loggedAt</c> may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The set to store; without a <c>loggedAt</c> it is <paramref name="loggedAtByDefault"/> (now for a new set, the stored time for a correction).</summary>
    public static LoggedSet Validate(SetInput input, string id, string sessionId, long version, DateTimeOffset createdAt, DateTimeOffset now, DateTimeOffset? loggedAtByDefault = null)
    {
        var errors = new ValidationErrors();
        if (input.ExerciseId is null)
        {
            errors.Add("exerciseId", "Is required.");
        }
        else if (!TextRules.IsExerciseId(input.ExerciseId))
        {
            errors.Add("exerciseId", "Is not an exercise id.");
        }

        TextRules.Range(input.Reps, 0, MaxReps, "reps", errors);
        TextRules.Range(input.WeightKg, 0, MaxWeightKg, "weightKg", errors);
        TextRules.Range(input.DurationSeconds, 1, MaxDurationSeconds, "durationSeconds", errors);
        TextRules.Range(input.DistanceMeters, 0, MaxDistanceMeters, "distanceMeters", errors);
        if (input.Rpe is { } rpe && (double.IsNaN(rpe) || rpe < 1 || rpe > 10 || Math.Abs(rpe * 2 - Math.Round(rpe * 2)) > 1e-9))
        {
            errors.Add("rpe", "Must be from 1 to 10 in steps of 0.5.");
        }

        var type = input.Type ?? LoggedSet.Normal;
        if (!LoggedSet.Types.Contains(type))
        {
            errors.Add("type", $"Must be one of: {string.Join(", ", LoggedSet.Types)}.");
        }

        if (input.Reps is null && input.DurationSeconds is null && input.DistanceMeters is null)
        {
            errors.Add("reps", "Give reps, durationSeconds or distanceMeters.");
        }

        var loggedAt = loggedAtByDefault ?? now;
        var (stated, field) = input.PerformedAt is not null ? (input.PerformedAt, "performedAt") : (input.LoggedAt, "loggedAt");
        if (input.PerformedAt is not null && input.LoggedAt is not null)
        {
            errors.Add("performedAt", "Send performedAt or loggedAt, not both (they are the same fact).");
        }
        else if (stated is not null)
        {
            if (!Timestamps.TryParse(stated, out loggedAt))
            {
                errors.Add(field, "Must be an RFC 3339 time such as 2026-11-22T18:04:05Z or 2026-11-23T05:04:05+11:00.");
            }
            else if (loggedAt < Earliest)
            {
                errors.Add(field, $"Must not be before {Earliest.Year}.");
            }
            else if (loggedAt > now + ClockSkew)
            {
                errors.Add(field, "Must not be in the future.");
            }
        }

        var notes = TextRules.Notes(input.Notes, "notes", errors);
        errors.ThrowIfAny();
        // Canonical precision (grams, millimetres): also what the session's totals add up exactly.
        var weight = input.WeightKg is { } w ? Math.Round(w, 3) : (double?)null;
        var distance = input.DistanceMeters is { } m ? Math.Round(m, 3) : (double?)null;
        var rounded = input.Rpe is { } r ? Math.Round(r * 2) / 2 : (double?)null;
        return new LoggedSet(id, sessionId, input.ExerciseId!, input.Reps, weight, input.DurationSeconds, distance, rounded, type,
            DateTimeOffset.FromUnixTimeSeconds(loggedAt.ToUnixTimeSeconds()), notes, version, createdAt, now);
    }
}
