using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;

namespace GymCoach.Workouts.Routes;

/// <summary>The from/to days of the Workouts lists: calendar dates inside the years the data can hold.</summary>
internal static class DateQuery
{
    public static readonly DateOnly Earliest = new(1970, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static DateOnly? Read(HttpRequestContext request, string name, ValidationErrors errors)
    {
        var date = QueryParameters.Date(request, name, errors);
        if (date is { } d && (d < Earliest || d > Latest))
        {
            errors.Add(name, $"Must be a day from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.");
            return null;
        }

        return date;
    }
}
