using System.Globalization;
using GymCoach.Lambda.Errors;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Typed reads of query-string values that record a field error instead of throwing, so one response can
/// name every bad parameter.
/// </summary>
public static class QueryParameters
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The list page size: default 20, 1–100.</summary>
    public static int Limit(HttpRequestContext request, ValidationErrors errors) => Limit(request, errors, DefaultLimit, MaxLimit);

    /// <summary>The <c>limit</c> of a route whose pages are of another size (sync: up to 500 changes).</summary>
    public static int Limit(HttpRequestContext request, ValidationErrors errors, int defaultLimit, int maxLimit)
    {
        var raw = request.Query("limit");
        if (raw is null)
        {
            return defaultLimit;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > maxLimit)
        {
            errors.Add("limit", $"Must be a whole number from 1 to {maxLimit}.");
            return defaultLimit;
        }

        return limit;
    }

    /// <summary>An optional calendar date (YYYY-MM-DD).</summary>
    public static DateOnly? Date(HttpRequestContext request, string name, ValidationErrors errors)
    {
        var raw = request.Query(name);
        if (raw is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(name, "Must be a date in the form YYYY-MM-DD.");
        return null;
    }
}
