using GymCoach.Lambda.Errors;

namespace GymCoach.Workouts.Domain;

/// <summary>Rules for a plan's content; every violation is reported at once, by its JSON path.</summary>
public static class PlanRules
{
    public const int MaxExercises = 50;
    public const int MaxSetsPerExercise = 20;
    public const int MaxReps = 1000;
    public const double MaxWeightKg = 1000;
    public const int MaxDurationSeconds = 86_400;
    public const double MaxDistanceMeters = 1_000_000;
    public const int MaxRestSeconds = 3600;
    public const int MaxSetNotesLength = 200;

    /// <summary>The plan to store under <paramref name="id"/>; the exercises' existence is checked by the caller (one batched read).</summary>
    public static Plan Validate(PlanInput input, string id, long version, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var name = TextRules.Name(input.Name, "name", errors);
        var notes = TextRules.Notes(input.Notes, "notes", errors);
        var exercises = Exercises(input.Exercises, "exercises", errors);
        errors.ThrowIfAny();
        return new Plan(id, name!, notes, exercises, version, createdAt, now);
    }

    /// <summary>A list of exercises with target sets, as a plan holds it and a session copies it.</summary>
    public static List<PlanExercise> Exercises(List<PlanExercise>? input, string field, ValidationErrors errors)
    {
        var exercises = new List<PlanExercise>();
        if (input is null)
        {
            return exercises;
        }

        if (input.Count > MaxExercises)
        {
            errors.Add(field, $"At most {MaxExercises} exercises (this has {input.Count}).");
            return exercises;
        }

        for (var i = 0; i < input.Count; i++)
        {
            var at = $"{field}[{i}]";
            var exercise = input[i];
            if (exercise is null)
            {
                errors.Add(at, "Must be an object.");
                continue;
            }

            if (exercise.ExerciseId is null)
            {
                errors.Add(at + ".exerciseId", "Is required.");
            }
            else if (!TextRules.IsExerciseId(exercise.ExerciseId))
            {
                errors.Add(at + ".exerciseId", "Is not an exercise id.");
            }

            var sets = new List<TargetSet>();
            if (exercise.Sets is { Count: > MaxSetsPerExercise })
            {
                errors.Add(at + ".sets", $"At most {MaxSetsPerExercise} sets per exercise (this has {exercise.Sets.Count}).");
            }
            else
            {
                for (var j = 0; j < (exercise.Sets?.Count ?? 0); j++)
                {
                    if (Target(exercise.Sets![j], $"{at}.sets[{j}]", errors) is { } target)
                    {
                        sets.Add(target);
                    }
                }
            }

            exercises.Add(new PlanExercise { ExerciseId = exercise.ExerciseId, Notes = TextRules.Notes(exercise.Notes, at + ".notes", errors), Sets = sets });
        }

        return exercises;
    }

    private static TargetSet? Target(TargetSet? set, string at, ValidationErrors errors)
    {
        if (set is null)
        {
            errors.Add(at, "Must be an object.");
            return null;
        }

        TextRules.Range(set.Reps, 1, MaxReps, at + ".reps", errors);
        TextRules.Range(set.RepsMin, 1, MaxReps, at + ".repsMin", errors);
        TextRules.Range(set.RepsMax, 1, MaxReps, at + ".repsMax", errors);
        TextRules.Range(set.WeightKg, 0, MaxWeightKg, at + ".weightKg", errors);
        TextRules.Range(set.DurationSeconds, 1, MaxDurationSeconds, at + ".durationSeconds", errors);
        TextRules.Range(set.DistanceMeters, 0, MaxDistanceMeters, at + ".distanceMeters", errors);
        TextRules.Range(set.RestSeconds, 0, MaxRestSeconds, at + ".restSeconds", errors);
        if (set.Reps is not null && (set.RepsMin is not null || set.RepsMax is not null))
        {
            errors.Add(at + ".reps", "Give reps or a range (repsMin, repsMax), not both.");
        }

        if ((set.RepsMin is null) != (set.RepsMax is null))
        {
            errors.Add(at + (set.RepsMin is null ? ".repsMin" : ".repsMax"), "A rep range needs both repsMin and repsMax.");
        }
        else if (set.RepsMin > set.RepsMax)
        {
            errors.Add(at + ".repsMax", "Must not be less than repsMin.");
        }

        if (set.Reps is null && set.RepsMin is null && set.RepsMax is null && set.DurationSeconds is null && set.DistanceMeters is null)
        {
            errors.Add(at, "Give a target: reps, a rep range, durationSeconds or distanceMeters.");
        }

        string? notes = null;
        if (!string.IsNullOrWhiteSpace(set.Notes))
        {
            notes = set.Notes.Trim();
            if (notes.Length > MaxSetNotesLength || notes.Any(char.IsControl))
            {
                errors.Add(at + ".notes", $"Must be at most {MaxSetNotesLength} characters on one line.");
            }
        }

        return new TargetSet
        {
            Reps = set.Reps, RepsMin = set.RepsMin, RepsMax = set.RepsMax, WeightKg = set.WeightKg, DurationSeconds = set.DurationSeconds,
            DistanceMeters = set.DistanceMeters, RestSeconds = set.RestSeconds, Notes = notes,
        };
    }
}
