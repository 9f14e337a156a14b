using GymCoach.Exercises.Domain;
using GymCoach.Fitness;
using GymCoach.Lambda.Errors;
using GymCoach.Data;
using GymCoach.Data.Idempotency;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Http.Idempotency;

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
            new("custom", "string", "true: only your own exercises; false: only the library; absent: both."),
            new("q", "string", "Words that begin words of the name, any case, accents ignored (\"bench\", \"Bénch pr\")."),
            new("limit", "integer", $"Page size, 1–{QueryParameters.MaxLimit} (default {QueryParameters.DefaultLimit})."),
            new("cursor", "string", "The previous page's nextCursor."),
        ],
    };

    public static readonly RouteSpec GetExercise = new("GET /exercises/{id}", "GetExercise")
    {
        Summary = "One exercise by id: a library one, or one of your own (with its ETag).",
        ResponseBody = ExercisesJsonContext.Default.ExerciseResponse,
    };

    private const string CustomExample = """{"name":"Tempo Goblet Squat","primaryMuscles":["quads"],"secondaryMuscles":["glutes"],"equipment":["kettlebell"],"category":"strength","mechanics":"compound","force":"squat","level":"beginner","instructions":["Lower for four seconds.","Stand up fast."]}""";

    public static readonly RouteSpec CreateExercise = new("POST /exercises", "CreateExercise")
    {
        Summary = "Creates one of your own exercises (isCustom: true), visible only to you.",
        RequestBody = ExercisesJsonContext.Default.CustomExerciseInput,
        ResponseBody = ExercisesJsonContext.Default.ExerciseResponse,
        SuccessStatuses = [201],
        Idempotent = true,
        Example = CustomExample,
    };

    public static readonly RouteSpec ReplaceExercise = new("PUT /exercises/{id}", "ReplaceExercise")
    {
        Summary = "Replaces one of your own exercises (If-Match required: 428 without, 412 when stale); library exercises are 403.",
        RequestBody = ExercisesJsonContext.Default.CustomExerciseInput,
        ResponseBody = ExercisesJsonContext.Default.ExerciseResponse,
        Conditional = true,
        Example = CustomExample,
    };

    public static readonly RouteSpec DeleteExercise = new("DELETE /exercises/{id}", "DeleteExercise")
    {
        Summary = "Deletes one of your own exercises (If-Match required); library exercises are 403.",
        SuccessStatuses = [204],
        Conditional = true,
    };

    public static readonly RouteSpec GetExerciseMedia = new("GET /exercises/{id}/media", "GetExerciseMedia")
    {
        Summary = "Short-lived presigned GET URLs for the exercise's media; 404 when it has none.",
        ResponseBody = ExercisesJsonContext.Default.MediaResponse,
    };

    public static void Map(Router router, ExerciseService exercises, IdempotencyStore idempotency, TimeProvider time, Data.MediaLinks media)
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
            var custom = request.Query("custom") switch
            {
                null => (bool?)null,
                "true" => true,
                "false" => false,
                _ => Invalid(errors, "custom", "Must be true or false."),
            };
            var limit = QueryParameters.Limit(request, errors);
            errors.ThrowIfAny();

            var (items, next) = await exercises.ListAsync(request.UserId, filter, custom, limit, request.Query("cursor"), request.CancellationToken).ConfigureAwait(false);
            var page = new Page<ExerciseResponse> { Items = items.Select(ExerciseResponse.From).ToList(), NextCursor = next };
            return HttpResult.Ok(page, ExercisesJsonContext.Default.PageExerciseResponse);
        });

        router.Map(GetExercise, async request =>
        {
            var exercise = await exercises.GetAsync(request.UserId, request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(ExerciseResponse.From(exercise), ExercisesJsonContext.Default.ExerciseResponse, ETagOf(exercise));
        });

        router.Map(GetExerciseMedia, async request =>
        {
            var exercise = await exercises.GetAsync(request.UserId, request.PathParameter("id"), request.CancellationToken).ConfigureAwait(false);
            if (exercise.MediaKeys.Count == 0)
            {
                throw new NotFoundException("This exercise has no media.");
            }

            var links = new List<MediaLink>();
            foreach (var key in exercise.MediaKeys)
            {
                var (url, expiresAt) = await media.GetAsync(key).ConfigureAwait(false);
                links.Add(new MediaLink { Key = key, Url = url, ExpiresAt = GymCoach.Lambda.Text.Timestamps.ToApi(expiresAt) });
            }

            return HttpResult.Ok(new MediaResponse { Items = links }, ExercisesJsonContext.Default.MediaResponse).WithHeader("cache-control", "private, max-age=60");
        });

        router.Map(CreateExercise, IdempotentRoute.Wrap(idempotency, "exercises", async (request, creation) =>
        {
            var input = request.ReadJson(ExercisesJsonContext.Default.CustomExerciseInput);
            var made = DeviceIds.For(input.Id, creation);
            var exercise = ExerciseService.Prepare(input, made);
            var stored = await exercises.CreateAsync(request.UserId, exercise, made.At, request.CancellationToken).ConfigureAwait(false);
            var answer = input.Id is null
                ? ExerciseResponse.From(stored)
                : DeviceIds.Resent(ExerciseResponse.From(exercise), ExerciseResponse.From(stored), ExercisesJsonContext.Default.ExerciseResponse, ExerciseResponse.ServerFields, ETagOf(stored));
            return HttpResult.Created(answer, ExercisesJsonContext.Default.ExerciseResponse, "/exercises/" + stored.Id, ETagOf(stored));
        }, time));

        router.Map(ReplaceExercise, async request =>
        {
            var precondition = Preconditions.Read(request);
            var input = request.ReadJson(ExercisesJsonContext.Default.CustomExerciseInput, ExerciseResponse.ServerFields);
            var exercise = await exercises.ReplaceAsync(request.UserId, request.PathParameter("id"), input, precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.Ok(ExerciseResponse.From(exercise), ExercisesJsonContext.Default.ExerciseResponse, ETagOf(exercise));
        });

        router.Map(DeleteExercise, async request =>
        {
            var precondition = Preconditions.Read(request);
            await exercises.DeleteAsync(request.UserId, request.PathParameter("id"), precondition, request.CancellationToken).ConfigureAwait(false);
            return HttpResult.NoContent();
        });
    }

    /// <summary>Own exercises carry a version (an ETag); library ones do not change through the API.</summary>
    private static string? ETagOf(Exercise exercise) => exercise.IsCustom ? Versioning.ETag(exercise.Version) : null;

    private static bool? Invalid(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
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
