using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Workouts.Data;

/// <summary>Item ↔ <see cref="Plan"/>. The ordered exercises are one JSON attribute: they are always read and written whole.</summary>
public static class PlanMapper
{
    public const string Entity = EntityTypes.WorkoutPlan;

    /// <summary>
    /// The stored form of exercise lists: nothing escaped that JSON does not require (the default escapes
    /// <c>&lt;</c>, <c>+</c> and every non-ASCII character as six bytes), so a plan that fits the 256 KB body limit
    /// also fits DynamoDB's 400 KB item. Never written into HTML.
    /// </summary>
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<PlanExercise>> StoredExercises =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<PlanExercise>>)new JsonSerializerOptions(WorkoutsJsonContext.Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }.GetTypeInfo(typeof(List<PlanExercise>));

    /// <summary>An exercise list as stored (a plan's exercises, a session's targets).</summary>
    public static string Store(IEnumerable<PlanExercise> exercises) => JsonSerializer.Serialize(exercises.ToList(), StoredExercises);

    public static Dictionary<string, AttributeValue> ToItem(string userId, Plan plan) => new Dictionary<string, AttributeValue>
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Plan(plan.Id)),
        [Keys.EntityType] = Attributes.S(Entity),
        ["id"] = Attributes.S(plan.Id),
        ["name"] = Attributes.S(plan.Name),
        ["exercises"] = Attributes.S(Store(plan.Exercises)),
        ["exerciseIds"] = Attributes.StringList(plan.ExerciseIds),
        [Keys.Version] = Attributes.N(plan.Version),
        ["createdAt"] = Attributes.S(Timestamps.ToApi(plan.CreatedAt)),
        ["updatedAt"] = Attributes.S(Timestamps.ToApi(plan.UpdatedAt)),
    }.WithOptional("notes", plan.Notes);

    public static Plan FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString("name"),
        item.GetString("notes"),
        Exercises(item),
        item.GetLong(Keys.Version) ?? 1,
        Timestamps.Parse(item.GetRequiredString("createdAt")),
        Timestamps.Parse(item.GetRequiredString("updatedAt")));

    /// <summary>The stored exercises of a plan (or a session's targets); unreadable JSON is corrupt data, not bad input.</summary>
    public static List<PlanExercise> Exercises(Dictionary<string, AttributeValue> item, string name = "exercises")
    {
        var json = item.GetString(name);
        if (json is null)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(json, WorkoutsJsonContext.Default.ListPlanExercise) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Stored '{name}' of {item.GetString(Keys.SortKey)} is not readable.", ex);
        }
    }

    /// <summary>Adds <paramref name="name"/> when <paramref name="value"/> is set (DynamoDB stores no empty strings worth keeping).</summary>
    public static Dictionary<string, AttributeValue> WithOptional(this Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = Attributes.S(value);
        }

        return item;
    }
}
