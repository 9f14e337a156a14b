using GymCoach.Data.Calendar;
using GymCoach.Lambda.Text;

namespace GymCoach.Analytics.Domain;

/// <summary>A set that holds a best: its value (kg for weights and e1RM, kg·reps for volume), when and which set.</summary>
public sealed record SetMark(double Value, double WeightKg, int Reps, string At, string SetId);

/// <summary>What one session did with one exercise: counts, volume and its bests.</summary>
public sealed record ExerciseDigest(
    int Sets,
    int WorkingSets,
    long Reps,
    double VolumeKg,
    IReadOnlyList<string> Muscles,
    SetMark? Heaviest,
    SetMark? BestE1rm,
    SetMark? BestSetVolume,
    IReadOnlyList<SetMark> RepsAtWeight);

/// <summary>
/// What Analytics keeps of one completed session: small, self-contained, rebuilt from the session's items
/// whenever a stream record says it changed. Every aggregate is a function of the digests (and the latest
/// bodyweight and week start), which is what makes redelivered, reordered and edited records harmless.
/// </summary>
public sealed record SessionDigest(
    string SessionId,
    DateOnly Day,
    string CompletedAt,
    long DurationSeconds,
    int Sets,
    int WorkingSets,
    long Reps,
    double VolumeKg,
    IReadOnlyDictionary<string, ExerciseDigest> Exercises,
    string? StartedAt = null,
    int? StartOffsetMinutes = null)
{
    /// <summary>
    /// The digest on the day it falls on for a lifter in <paramref name="zone"/>: its own stated offset's date when the
    /// device stated one, else the zone's. A digest of the first formula (no start kept) keeps its day until re-derived.
    /// </summary>
    public SessionDigest InZone(string? zone) =>
        StartedAt is null ? this : this with { Day = LocalCalendar.DayOf(Timestamps.Parse(StartedAt), StartOffsetMinutes is { } m ? TimeSpan.FromMinutes(m) : null, zone) };

    /// <summary>The digest of <paramref name="session"/> (its day in <paramref name="zone"/>), or null when it is not completed (in progress, discarded).</summary>
    public static SessionDigest? From(SessionFacts session, Func<string, IReadOnlyList<string>> musclesOf, string? zone = LocalCalendar.DefaultZone)
    {
        if (session.Status != SessionFacts.Completed || session.CompletedAt is null)
        {
            return null;
        }

        var exercises = new SortedDictionary<string, ExerciseDigest>(StringComparer.Ordinal);
        foreach (var group in session.Sets.GroupBy(s => s.ExerciseId, StringComparer.Ordinal))
        {
            exercises[group.Key] = Digest(group.OrderBy(s => s.LoggedAt, StringComparer.Ordinal).ThenBy(s => s.SetId, StringComparer.Ordinal).ToList(), musclesOf(group.Key));
        }

        return new SessionDigest(
            session.SessionId,
            default,
            session.CompletedAt,
            session.DurationSeconds ?? 0,
            exercises.Values.Sum(e => e.Sets),
            exercises.Values.Sum(e => e.WorkingSets),
            exercises.Values.Sum(e => e.Reps),
            Volume(exercises.Values.Sum(e => e.VolumeKg)),
            exercises,
            Timestamps.ToApi(Timestamps.Parse(session.StartedAt)),
            session.StartOffsetMinutes).InZone(zone);
    }

    private static ExerciseDigest Digest(List<SetFact> sets, IReadOnlyList<string> muscles)
    {
        SetMark? heaviest = null, e1rm = null, volume = null;
        var repsAt = new SortedDictionary<double, SetMark>();
        long reps = 0;
        double total = 0;
        var working = 0;
        foreach (var set in sets.Where(s => s.IsWorking))
        {
            working++;
            var r = set.Reps ?? 0;
            var w = set.WeightKg ?? 0;
            reps += r;
            total += r * w;
            if (r < 1)
            {
                continue;
            }

            if (!repsAt.TryGetValue(w, out var atWeight) || r > atWeight.Reps)
            {
                repsAt[w] = new SetMark(r, w, r, set.LoggedAt, set.SetId);
            }

            if (w <= 0)
            {
                continue;
            }

            heaviest = Better(heaviest, new SetMark(w, w, r, set.LoggedAt, set.SetId));
            volume = Better(volume, new SetMark(Volume(r * w), w, r, set.LoggedAt, set.SetId));
            if (OneRepMax.Epley(w, r) is { } estimate)
            {
                e1rm = Better(e1rm, new SetMark(estimate, w, r, set.LoggedAt, set.SetId));
            }
        }

        return new ExerciseDigest(sets.Count, working, reps, Volume(total), muscles, heaviest, e1rm, volume, repsAt.Values.Reverse().ToList());
    }

    /// <summary>The higher mark; on a tie the earlier one keeps the record (sets come in time order).</summary>
    internal static SetMark? Better(SetMark? current, SetMark? candidate) =>
        candidate is null ? current
        : current is null || candidate.Value > current.Value ? candidate
        : current;

    internal static double Volume(double kg) => Math.Round(kg, 3, MidpointRounding.AwayFromZero);
}
