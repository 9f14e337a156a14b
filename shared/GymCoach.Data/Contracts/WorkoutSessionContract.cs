namespace GymCoach.Data.Contracts;

/// <summary>
/// A logged session as Workouts stores it (<c>USER#id</c> / <c>SESSION#id</c>, <see cref="EntityTypes.WorkoutSession"/>),
/// with the attributes other services read: Analytics derives from completed sessions, the export and sync copy them.
/// Workouts' mapper writes these names; readers use them, never their own spelling.
/// </summary>
public static class WorkoutSessionContract
{
    public const string Entity = EntityTypes.WorkoutSession;

    /// <summary>The status a session has once finished: what Analytics counts and the stream filter passes.</summary>
    public const string Completed = "completed";

    public const string Id = "id";
    public const string Status = "status";
    public const string StartedAt = "startedAt";
    public const string CompletedAt = "completedAt";
    public const string DurationSeconds = "durationSeconds";

    /// <summary>Minutes east of UTC the device stated with <see cref="StartedAt"/> (absent when the server dated the start): the session's local day is that of its own start.</summary>
    public const string StartedAtOffsetMinutes = "startedAtOffsetMinutes";
}

/// <summary>A logged set as Workouts stores it (in its session's item collection, <c>SESSION#id#SET#id</c>), with the attributes other services read.</summary>
public static class WorkoutSetContract
{
    public const string Entity = EntityTypes.WorkoutSet;

    /// <summary>The set type when none is stored.</summary>
    public const string DefaultType = "normal";

    public const string Id = "id";
    public const string SessionId = "sessionId";
    public const string ExerciseId = "exerciseId";
    public const string Reps = "reps";
    public const string WeightKg = "weightKg";
    public const string Type = "type";
    public const string LoggedAt = "loggedAt";

    /// <summary>
    /// The query of one exercise's sets through GSI1 (<see cref="Keys.ExerciseSetIndex"/>), oldest first, logged between
    /// two days of the lifter's <paramref name="zone"/> (inclusive; null: unbounded). The index is Workouts'; Analytics'
    /// progress reads it the same way.
    /// </summary>
    public static Amazon.DynamoDBv2.Model.QueryRequest ExerciseIndexQuery(string table, string userId, string exerciseId, DateOnly? from, DateOnly? to, string? zone = Calendar.LocalCalendar.DefaultZone) => new()
    {
        TableName = table,
        IndexName = Keys.Gsi1Name,
        KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
        ExpressionAttributeNames = new() { ["#pk"] = Keys.Gsi1PartitionKey, ["#sk"] = Keys.Gsi1SortKey },
        ExpressionAttributeValues = new()
        {
            [":pk"] = Attributes.S(Keys.ExerciseSetIndex(userId, exerciseId)),
            // Sort keys start with the set's UTC time (yyyy-MM-ddTHH:mm:ssZ): from the first second of the first day to
            // the last second of the last day where the lifter is ("~" sorts after the set id that follows the time).
            [":from"] = Attributes.S(from is { } f ? GymCoach.Lambda.Text.Timestamps.ToApi(Calendar.LocalCalendar.StartOf(f, zone)) : "0"),
            [":to"] = Attributes.S(to is { } t ? GymCoach.Lambda.Text.Timestamps.ToApi(Calendar.LocalCalendar.EndOf(t, zone)) + "~" : "~"),
        },
    };
}
