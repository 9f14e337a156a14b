using GymCoach.Exercises.Domain;
using GymCoach.Fitness;
using GymCoach.Lambda.Errors;
using GymCoach.Lambda.Http;

namespace GymCoach.Exercises.Routes;

/// <summary>HTTP mapping of the exercise library: parse, call <see cref="ExerciseService"/>, map.</summary>
public static class ExerciseRoutes
{
    public static readonly RouteSpec ListExercises = new("GET /exercises", "ListExercises")
    {
        Summary = "The exercise library, filtered by muscle, equipment, category and name words (q), in name order, one page at a time.",
        ResponseBody = ExercisesJsonContext.Default.PageExerciseResponse,
        Query =
        [
            new("muscle", "string", "A muscle the exercise works (primary or secondary)."),
            new("equipment", "string", "A piece of equipment the exercise uses."),
            new("category", "string", "strength, cardio, mobility, plyometrics or conditioning."),
            new("q", "string", "Words that begin words of the name, any case, accents ignored (\"bench\", \"Bénch pr\")."),
            new("limit", "integer", $"Page size, 1–{QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit})."),
            new("cursor", "string", "The previous page's nextCursor."),
        ],
    };

    public static readonly RouteSpec GetExercise = new("GET /exercises/{id}", "GetExercise")
    {
        Summary = "One exercise by id.",
        ResponseBody = ExercisesJsonContext.Default.ExerciseResponse,
    };

    public static void Map(Router router, ExerciseService exercises)
    {
        router.Map(ListExercises, async request =>
        {
            var errors = new ValidationErrors();
            var q = request.Query("q");
            if (q is not null && (q.Length > NameSearch.MaxQueryLength || q.Any(char.IsControl)))
            {
                errors.Add("q", $"Must be at most {NameSearch.MaxQueryLength} characters, without control characters.");
                q = null;
            }

            var filter = new ExerciseFilter(
                OneOf(request, "muscle", Muscles.All, errors),
                OneOf(request, "equipment", Equipment.All, errors),
                OneOf(request, "category", ExerciseTraits.Categories, errors),
                string.IsNullOrWhiteSpace(q) ? null : q);
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();

            var (items, next) = await exercises.ListAsync(request.UserId, filter, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            var page = new Page<ExerciseResponse> { Items = items.Select(ExerciseResponse.From).ToList(), NextCursor = next };
            return HttpResult.Ok(page, ExercisesJsonContext.Default.PageExerciseResponse);
        });

        router.Map(GetExercise, async request =>
        {
            var exercise = await exercises.GetAsync(request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(ExerciseResponse.From(exercise), ExercisesJsonContext.Default.ExerciseResponse);
        });
    }

    private static string? OneOf(HttpRequestContext request, string name, IReadOnlySet<string> known, ValidationErrors errors)
    {
        var value = request.Query(name);
        if (value is not null && !known.Contains(value))
        {
            errors.Add(name, $"Must be one of: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            return null;
        }

        return value;
    }
}
