using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Contracts;

namespace GymCoach.TestSupport;

/// <summary>
/// Writes a large account straight into the table, in the key shapes every service uses (sessions and their
/// sets with their GSI1 entries, plans, schedule, measurements, custom exercises, photos, analytics aggregates,
/// idempotency records), so export and deletion can be tried on thousands of items in seconds. Each item
/// carries a <c>seed</c> attribute naming it; what it returns is every sort key written.
/// </summary>
public static class AccountSeeder
{
    public static async Task<List<string>> SeedAsync(IAmazonDynamoDB client, string table, string userId, int items)
    {
        var pk = Keys.User(userId);
        var written = new List<Dictionary<string, AttributeValue>>();
        var start = new DateTimeOffset(2025, 1, 6, 7, 0, 0, TimeSpan.Zero);
        var n = 0;

        Dictionary<string, AttributeValue> Item(string sortKey, string entity, Dictionary<string, AttributeValue>? extra = null)
        {
            var item = new Dictionary<string, AttributeValue>
            {
                [Keys.PartitionKey] = Attributes.S(pk),
                [Keys.SortKey] = Attributes.S(sortKey),
                [Keys.EntityType] = Attributes.S(entity),
                ["seed"] = Attributes.S("seed-" + n++),
            };
            foreach (var (name, value) in extra ?? [])
            {
                item[name] = value;
            }

            written.Add(item);
            return item;
        }

        for (var day = 0; written.Count < items; day++)
        {
            var at = start.AddDays(day);
            var session = Ulid.NewId(at);
            Item(Keys.Session(session), EntityTypes.WorkoutSession, new()
            {
                ["status"] = Attributes.S("completed"),
                [Keys.Gsi1PartitionKey] = Attributes.S(Keys.SessionHistoryIndex(userId)),
                [Keys.Gsi1SortKey] = Attributes.S(at.ToString("O")),
            });
            for (var s = 0; s < 12; s++)
            {
                var set = Ulid.NewId(at.AddMinutes(s * 3));
                Item(Keys.Set(session, set), EntityTypes.WorkoutSet, new()
                {
                    ["exerciseId"] = Attributes.S("barbell-back-squat"),
                    ["reps"] = Attributes.N(5),
                    ["weightKg"] = Attributes.N(100 + (day % 20)),
                    [Keys.Gsi1PartitionKey] = Attributes.S(Keys.ExerciseSetIndex(userId, "barbell-back-squat")),
                    [Keys.Gsi1SortKey] = Attributes.S(Keys.ExerciseSetIndexSort(at.ToString("O"), set)),
                });
            }

            Item(Keys.Measurement(DateOnly.FromDateTime(at.UtcDateTime), Ulid.NewId(at)), EntityTypes.Measurement, new() { ["weightKg"] = Attributes.N(80.5) });
            Item(Keys.AnalyticsSession(session), EntityTypes.AnalyticsSession, new() { ["data"] = Attributes.S("""{"sessionId":"x","volume":6000}""") });
            if (day % 7 == 0)
            {
                Item(Keys.AnalyticsWeek(DateOnly.FromDateTime(at.UtcDateTime)), EntityTypes.AnalyticsWeek);
                Item(Keys.Plan(Ulid.NewId(at)), EntityTypes.WorkoutPlan, new() { ["name"] = Attributes.S("Week " + day / 7), ["tags"] = new AttributeValue { SS = ["a", "b"] } });
                Item(Keys.Schedule(Ulid.NewId(at)), EntityTypes.ScheduledWorkout);
                Item(Keys.Photo(DateOnly.FromDateTime(at.UtcDateTime), Ulid.NewId(at)), EntityTypes.Photo, new() { ["state"] = Attributes.S("ready") });
                Item(Keys.Exercise(Keys.CustomExercisePrefix + day), EntityTypes.CustomExercise, new() { ["muscles"] = new AttributeValue { L = [Attributes.S("quads")] } });
                Item(Keys.Idempotency("sets", Guid.NewGuid().ToString("N")), "IdempotencyRecord", new() { ["ttl"] = Attributes.N(4102444800) });
                Item(Keys.AnalyticsAchievement("seeded-" + day), EntityTypes.AnalyticsAchievement);
            }
        }

        foreach (var chunk in written.Chunk(25))
        {
            var pending = chunk.Select(i => new WriteRequest { PutRequest = new PutRequest { Item = i } }).ToList();
            while (pending.Count > 0)
            {
                var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = pending } });
                pending = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
            }
        }

        return written.Select(i => i[Keys.SortKey].S).ToList();
    }
}
