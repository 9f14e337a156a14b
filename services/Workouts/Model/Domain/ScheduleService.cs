using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Data;

namespace GymCoach.Workouts.Domain;

/// <summary>The calendar: plans (or named workouts) on days, viewed a bounded range at a time.</summary>
public sealed class ScheduleService
{
    /// <summary>Longest range one calendar request may cover (a quarter, inclusive).</summary>
    public const int MaxRangeDays = 92;

    /// <summary>How far back and ahead a workout may be scheduled.</summary>
    public const int MaxYearsAway = 2;

    private readonly ScheduleRepository _schedule;
    private readonly PlanService _plans;
    private readonly TimeProvider _time;

    public ScheduleService(ScheduleRepository schedule, PlanService plans, TimeProvider time)
    {
        _schedule = schedule;
        _plans = plans;
        _time = time;
    }

    /// <summary>The entry a create would store (its plan checked to exist). Nothing is written.</summary>
    public async Task<ScheduledWorkout> PrepareAsync(string userId, ScheduleInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var date = default(DateOnly);
        if (input.Date is null)
        {
            errors.Add("date", "Is required.");
        }
        else if (!Timestamps.TryParseDate(input.Date, out date))
        {
            errors.Add("date", "Must be a date in the form YYYY-MM-DD.");
        }
        else if (date < today.AddYears(-MaxYearsAway) || date > today.AddYears(MaxYearsAway))
        {
            errors.Add("date", $"Must be within {MaxYearsAway} years of today.");
        }

        if (input.PlanId is not null && !TextRules.IsId(input.PlanId))
        {
            errors.Add("planId", "Is not a plan id.");
        }

        var name = TextRules.Name(input.Name, "name", errors, required: input.PlanId is null);
        var notes = TextRules.Notes(input.Notes, "notes", errors);
        errors.ThrowIfAny();

        if (input.PlanId is not null)
        {
            Plan plan;
            try
            {
                plan = await _plans.GetAsync(userId, input.PlanId, cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                throw InvalidInputException.For("planId", "No such plan.");
            }

            name ??= plan.Name;
        }

        return new ScheduledWorkout(ScheduleRepository.NewId(date), date, input.PlanId, name!, notes, ScheduledWorkout.Planned, null, 1, now);
    }

    public Task<ScheduledWorkout> CreateAsync(string userId, ScheduledWorkout entry, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        _schedule.CreateAsync(userId, entry, record, cancellationToken);

    public async Task<ScheduledWorkout> GetAsync(string userId, string id, CancellationToken cancellationToken) =>
        (TextRules.IsId(id) ? await _schedule.GetAsync(userId, id, cancellationToken).ConfigureAwait(false) : null)
        ?? throw new NotFoundException("No such scheduled workout.");

    /// <summary>The calendar from <paramref name="from"/> to <paramref name="to"/>; by default the seven days from today.</summary>
    public Task<IReadOnlyList<ScheduledWorkout>> ListAsync(string userId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var start = from ?? (to is { } end ? end.AddDays(-6) : DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        var finish = to ?? start.AddDays(6);
        if (finish < start)
        {
            throw InvalidInputException.For("to", "Must not be before from.");
        }

        if (finish.DayNumber - start.DayNumber + 1 > MaxRangeDays)
        {
            throw InvalidInputException.For("to", $"The range may cover at most {MaxRangeDays} days.");
        }

        return _schedule.ListAsync(userId, start, finish, cancellationToken);
    }

    public async Task DeleteAsync(string userId, string id, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        var current = await GetAsync(userId, id, cancellationToken).ConfigureAwait(false);
        await _schedule.DeleteAsync(userId, current, precondition, cancellationToken).ConfigureAwait(false);
    }
}
