using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Text;
using GymCoach.Workouts.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Workouts.Data;

/// <summary>
/// Item ↔ <see cref="Session"/>, and the one update every set write makes to its session in the same
/// transaction: totals and per-exercise counts moved by the set's contribution, the revision counted.
/// </summary>
public static class SessionMapper
{
    public const string Entity = EntityTypes.WorkoutSession;
    public const string ActiveEntity = EntityTypes.ActiveSession;

    /// <summary>Minutes east of UTC the device stated with the completion (Workouts' own; nothing else reads it).</summary>
    public const string CompletedOffsetMinutes = "completedAtOffsetMinutes";

    /// <summary>The digest of the upload that last wrote the session.</summary>
    public const string UploadHash = "uploadHash";

    /// <summary>The digest of a large upload applied in steps, set while its sets are written (never by <see cref="ToItem"/>: the session it finally writes clears it).</summary>
    public const string PendingUpload = "uploadPending";

    public static Dictionary<string, AttributeValue> ToItem(string userId, Session s)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
            [Keys.SortKey] = Attributes.S(Keys.Session(s.Id)),
            [Keys.Gsi1PartitionKey] = Attributes.S(Keys.SessionHistoryIndex(userId)),
            [Keys.Gsi1SortKey] = Attributes.S(Keys.SessionHistorySort(s.StartedAt, s.Id)),
            [Keys.EntityType] = Attributes.S(Entity),
            [WorkoutSessionContract.Id] = Attributes.S(s.Id),
            ["name"] = Attributes.S(s.Name),
            [WorkoutSessionContract.Status] = Attributes.S(s.Status),
            [WorkoutSessionContract.StartedAt] = Attributes.S(Timestamps.ToApi(s.StartedAt)),
            ["targets"] = Attributes.S(PlanMapper.Store(s.Targets)),
            ["totalSets"] = Attributes.N(s.Totals.Sets),
            ["totalReps"] = Attributes.N(s.Totals.Reps),
            ["totalVolumeKg"] = Attributes.N(s.Totals.VolumeKg),
            ["totalDurationSeconds"] = Attributes.N(s.Totals.DurationSeconds),
            ["totalDistanceMeters"] = Attributes.N(s.Totals.DistanceMeters),
            ["exerciseSets"] = new AttributeValue { M = s.ExerciseSets.ToDictionary(e => e.Key, e => Attributes.N(e.Value)), IsMSet = true },
            [Keys.Version] = Attributes.N(s.Version),
            ["revision"] = Attributes.N(s.Revision),
        };
        if (s.CompletedAt is { } completed)
        {
            item[WorkoutSessionContract.CompletedAt] = Attributes.S(Timestamps.ToApi(completed));
        }

        item.SetIfNotNull(WorkoutSessionContract.DurationSeconds, s.DurationSeconds is { } duration ? Attributes.N(duration) : null);
        item.SetIfNotNull(WorkoutSessionContract.StartedAtOffsetMinutes, s.StartedOffset is { } start ? Attributes.N((long)start.TotalMinutes) : null);
        item.SetIfNotNull(CompletedOffsetMinutes, s.CompletedOffset is { } end ? Attributes.N((long)end.TotalMinutes) : null);
        item.SetIfNotNull("changedAt", s.ChangedAt is { } changed ? Attributes.S(Timestamps.ToApi(changed)) : null);
        return item.WithOptional("planId", s.PlanId).WithOptional("scheduledId", s.ScheduledId).WithOptional("notes", s.Notes).WithOptional(UploadHash, s.UploadHash);
    }

    public static Session FromItem(Dictionary<string, AttributeValue> item) => new(
        item.GetRequiredString("id"),
        item.GetRequiredString("name"),
        item.GetString("planId"),
        item.GetString("scheduledId"),
        item.GetString("notes"),
        item.GetRequiredString("status"),
        Timestamps.Parse(item.GetRequiredString("startedAt")),
        item.GetString("completedAt") is { } completed ? Timestamps.Parse(completed) : null,
        item.GetLong("durationSeconds"),
        PlanMapper.Exercises(item, "targets"),
        new SessionTotals(
            item.GetLong("totalSets") ?? 0,
            item.GetLong("totalReps") ?? 0,
            item.GetDouble("totalVolumeKg") ?? 0,
            item.GetLong("totalDurationSeconds") ?? 0,
            item.GetDouble("totalDistanceMeters") ?? 0),
        item.TryGetValue("exerciseSets", out var counts) && counts.M is { } map
            ? map.ToDictionary(e => e.Key, e => long.Parse(e.Value.N, CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal),
        item.GetLong(Keys.Version) ?? 1,
        item.GetLong("revision") ?? 0,
        item.GetString("changedAt") is { } changed ? Timestamps.Parse(changed) : null)
    {
        StartedOffset = item.GetLong(WorkoutSessionContract.StartedAtOffsetMinutes) is { } start ? TimeSpan.FromMinutes(start) : null,
        CompletedOffset = item.GetLong(CompletedOffsetMinutes) is { } end ? TimeSpan.FromMinutes(end) : null,
        UploadHash = item.GetString(UploadHash),
        PendingUpload = item.GetString(PendingUpload),
    };

    public static bool IsSession(Dictionary<string, AttributeValue> item) => item.GetString(Keys.EntityType) == Entity;

    public static Dictionary<string, AttributeValue> Key(string userId, string sessionId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.Session(sessionId)),
    };

    public static Dictionary<string, AttributeValue> ActiveKey(string userId, string sessionId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.ActiveSession(sessionId)),
    };

    /// <summary>
    /// The session update of a set write: totals moved by <paramref name="delta"/>, per-exercise counts by
    /// <paramref name="exercises"/>, its version (the ETag: a GET's 304 and a discard's If-Match see the new
    /// sets) and revision counted and dated — only while the session exists and is not
    /// discarded (and, for a new set, holds fewer than <see cref="Session.MaxSets"/>). On failure DynamoDB
    /// returns the session as it was, so the caller can tell "none" from "full".
    /// </summary>
    public static TransactWriteItem SetWritten(string table, string userId, string sessionId, SessionTotals delta, IReadOnlyList<(string ExerciseId, int Delta)> exercises, DateTimeOffset now, bool adding)
    {
        var names = new Dictionary<string, string> { ["#pk"] = Keys.PartitionKey, ["#status"] = "status", ["#version"] = Keys.Version };
        var values = new Dictionary<string, AttributeValue>
        {
            [":discarded"] = Attributes.S(Session.Discarded),
            [":now"] = Attributes.S(Timestamps.ToApi(now)),
            [":one"] = Attributes.N(1),
            [":sets"] = Attributes.N(delta.Sets),
            [":reps"] = Attributes.N(delta.Reps),
            [":volume"] = Attributes.N(Math.Round(delta.VolumeKg, 3)),
            [":duration"] = Attributes.N(delta.DurationSeconds),
            [":distance"] = Attributes.N(Math.Round(delta.DistanceMeters, 3)),
        };
        var set = new List<string> { "changedAt = :now" };
        if (exercises.Count > 0)
        {
            names["#counts"] = "exerciseSets";
            values[":zero"] = Attributes.N(0);
        }

        for (var i = 0; i < exercises.Count; i++)
        {
            names[$"#e{i}"] = exercises[i].ExerciseId;
            values[$":d{i}"] = Attributes.N(exercises[i].Delta);
            set.Add($"#counts.#e{i} = if_not_exists(#counts.#e{i}, :zero) + :d{i}");
        }

        // Not while a large upload holds the session (its last step rewrites the totals from its own sets).
        names["#pending"] = PendingUpload;
        var condition = "attribute_exists(#pk) AND #status <> :discarded AND attribute_not_exists(#pending)";
        if (adding)
        {
            values[":max"] = Attributes.N(Session.MaxSets);
            condition += " AND totalSets < :max";
        }

        return new TransactWriteItem
        {
            Update = new Update
            {
                TableName = table,
                Key = Key(userId, sessionId),
                UpdateExpression = $"SET {string.Join(", ", set)} ADD #version :one, revision :one, totalSets :sets, totalReps :reps, totalVolumeKg :volume, totalDurationSeconds :duration, totalDistanceMeters :distance",
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            },
        };
    }
}
