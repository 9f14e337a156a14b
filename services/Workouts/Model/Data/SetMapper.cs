using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Item ↔ <see cref="LoggedSet"/>. A set sits in its session's item collection (<c>SESSION#id#SET#id</c>) and,
/// through GSI1, in its exercise's history for the user, ordered by when it was done.
/// </summary>
public static class SetMapper
{
    public const string Entity = EntityTypes.WorkoutSet;

    public static Dictionary<string, AttributeValue> ToItem(string userId, LoggedSet set)
    {
        var loggedAt = Timestamps.ToApi(set.LoggedAt);
        var item = new Dictionary<string, AttributeValue>
        {
            [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
            [Keys.SortKey] = Attributes.S(Keys.Set(set.SessionId, set.Id)),
            [Keys.Gsi1PartitionKey] = Attributes.S(Keys.ExerciseSetIndex(userId, set.ExerciseId)),
            [Keys.Gsi1SortKey] = Attributes.S(Keys.ExerciseSetIndexSort(loggedAt, set.Id)),
            [Keys.EntityType] = Attributes.S(Entity),
            [WorkoutSetContract.Id] = Attributes.S(set.Id),
            [WorkoutSetContract.SessionId] = Attributes.S(set.SessionId),
            [WorkoutSetContract.ExerciseId] = Attributes.S(set.ExerciseId),
            [WorkoutSetContract.Type] = Attributes.S(set.Type),
            [WorkoutSetContract.LoggedAt] = Attributes.S(loggedAt),
            [Keys.Version] = Attributes.N(set.Version),
            ["createdAt"] = Attributes.S(Timestamps.ToApi(set.CreatedAt)),
            ["updatedAt"] = Attributes.S(Timestamps.ToApi(set.UpdatedAt)),
        };
        item.SetIfNotNull(WorkoutSetContract.Reps, set.Reps is { } reps ? Attributes.N(reps) : null);
        item.SetIfNotNull(WorkoutSetContract.WeightKg, set.WeightKg is { } weight ? Attributes.N(weight) : null);
        item.SetIfNotNull("durationSeconds", set.DurationSeconds is { } duration ? Attributes.N(duration) : null);
        item.SetIfNotNull("distanceMeters", set.DistanceMeters is { } distance ? Attributes.N(distance) : null);
        item.SetIfNotNull("rpe", set.Rpe is { } rpe ? Attributes.N(rpe) : null);
        item.SetIfNotNull("position", set.Position is { } position ? Attributes.N(position) : null);
        return item.WithOptional("notes", set.Notes);
    }

    public static LoggedSet FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString("sessionId"),
        item.GetRequiredString("exerciseId"),
        (int?)item.GetLong("reps"),
        item.GetDouble("weightKg"),
        (int?)item.GetLong("durationSeconds"),
        item.GetDouble("distanceMeters"),
        item.GetDouble("rpe"),
        item.GetRequiredString("type"),
        Timestamps.Parse(item.GetRequiredString("loggedAt")),
        item.GetString("notes"),
        item.GetLong(Keys.Version) ?? 1,
        Timestamps.Parse(item.GetRequiredString("createdAt")),
        Timestamps.Parse(item.GetRequiredString("updatedAt")))
    {
        Position = (int?)item.GetLong("position"),
    };

    public static Dictionary<string, AttributeValue> Key(string userId, string sessionId, string setId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Set(sessionId, setId)),
    };

    public static bool IsSet(Dictionary<string, AttributeValue> item) => item.GetString(Keys.EntityType) == Entity;
}
