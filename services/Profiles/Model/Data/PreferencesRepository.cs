using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>
/// The one place preferences are read and written (<c>PREFERENCES</c>, beside the profile). Flat attributes,
/// because Analytics reads <c>weekStartDay</c> straight from the item. A PUT is one conditional UpdateItem that replaces every field and bumps the version.
/// </summary>
public sealed class PreferencesRepository
{
    public const string Entity = EntityTypes.Preferences;

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public PreferencesRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    public async Task<Preferences?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(userId), ConsistentRead = true },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <summary>Replaces the preferences (version + 1) if the stored ones are in the state <paramref name="precondition"/> names.</summary>
    public async Task<Preferences> PutAsync(string userId, Preferences preferences, WritePrecondition precondition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, AttributeValue>
        {
            [Keys.EntityType] = Attributes.S(Entity),
            ["userId"] = Attributes.S(userId),
            ["weekStartDay"] = Attributes.S(preferences.WeekStartDay),
            ["defaultRestSeconds"] = Attributes.N(preferences.DefaultRestSeconds),
            ["incrementKg"] = Attributes.N(preferences.IncrementKg),
            ["incrementLb"] = Attributes.N(preferences.IncrementLb),
            ["notifyWorkoutReminders"] = Attributes.Bool(preferences.Notifications.WorkoutReminders),
            ["notifyRestTimer"] = Attributes.Bool(preferences.Notifications.RestTimer),
            ["notifyWeeklySummary"] = Attributes.Bool(preferences.Notifications.WeeklySummary),
            ["notifyAchievements"] = Attributes.Bool(preferences.Notifications.Achievements),
            ["photoPrivacy"] = Attributes.S(preferences.PhotoPrivacy),
            ["updatedAt"] = Attributes.S(Timestamps.ToApi(now)),
        };
        var names = new Dictionary<string, string> { ["#version"] = Keys.Version };
        var values = new Dictionary<string, AttributeValue> { [":zero"] = Attributes.N(0), [":one"] = Attributes.N(1) };
        var set = new List<string> { "#version = if_not_exists(#version, :zero) + :one" };
        var i = 0;
        foreach (var (name, value) in fields)
        {
            names["#f" + i] = name;
            values[":f" + i] = value;
            set.Add($"#f{i} = :f{i}");
            i++;
        }

        try
        {
            var stored = await FencedWrites.UpdateItemAsync(
                _client,
                new UpdateItemRequest
                {
                    TableName = _table,
                    Key = Key(userId),
                    UpdateExpression = "SET " + string.Join(", ", set),
                    ConditionExpression = Versioning.Condition(precondition, names, values),
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken).ConfigureAwait(false);
            return FromItem(stored!);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConcurrencyConflictException(precondition, "The preferences are not in the state the request's precondition names.", ex);
        }
    }

    public static Preferences FromItem(Dictionary<string, AttributeValue> item)
    {
        var d = Preferences.Defaults;
        return new Preferences(
            item.GetString("weekStartDay") ?? d.WeekStartDay,
            (int)(item.GetLong("defaultRestSeconds") ?? d.DefaultRestSeconds),
            item.GetDouble("incrementKg") ?? d.IncrementKg,
            item.GetDouble("incrementLb") ?? d.IncrementLb,
            new NotificationPreferences(
                item.GetBool("notifyWorkoutReminders") ?? true,
                item.GetBool("notifyRestTimer") ?? true,
                item.GetBool("notifyWeeklySummary") ?? true,
                item.GetBool("notifyAchievements") ?? true),
            item.GetString("photoPrivacy") ?? d.PhotoPrivacy,
            item.GetLong(Keys.Version) ?? 0,
            item.GetString("updatedAt") is { } at ? Timestamps.Parse(at) : null);
    }

    private static Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.PreferencesSortKey),
    };
}
