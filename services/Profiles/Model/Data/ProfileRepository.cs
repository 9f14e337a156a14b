using Amazon.DynamoDBv2.Model;
using Amazon.DynamoDBv2;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>
/// The one place profiles are read and written. A PUT is a single UpdateItem that replaces every field,
/// bumps the version and applies only in the state its <see cref="WritePrecondition"/> names.
/// </summary>
public sealed class ProfileRepository
{
    private readonly IAmazonDynamoDB _client;
    private readonly string _table;

    public ProfileRepository(IAmazonDynamoDB client, string table)
    {
        _client = client;
        _table = table;
    }

    public async Task<Profile?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _table,
                Key = Key(userId),
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ProfileMapper.FromItem(item) : null;
    }

    public async Task<Profile> UpsertAsync(string userId, ProfileFields fields, WritePrecondition precondition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>
        {
            ["#entity"] = Keys.EntityType,
            ["#version"] = Keys.Version,
            ["#displayName"] = ProfileContract.DisplayName,
            ["#units"] = ProfileContract.Units,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":entity"] = Attributes.S(ProfileMapper.Entity),
            [":userId"] = Attributes.S(userId),
            [":displayName"] = Attributes.S(fields.DisplayName),
            [":units"] = Attributes.S(fields.Units),
            [":goals"] = Attributes.StringList(fields.Goals),
            [":equipment"] = Attributes.StringList(fields.Equipment),
            [":now"] = Attributes.S(Timestamps.ToApi(now)),
            [":zero"] = Attributes.N(0),
            [":one"] = Attributes.N(1),
        };
        var set = new List<string>
        {
            "#entity = :entity", "userId = :userId", "#displayName = :displayName", "#units = :units", "goals = :goals",
            "equipment = :equipment", "updatedAt = :now", "createdAt = if_not_exists(createdAt, :now)",
            "#version = if_not_exists(#version, :zero) + :one",
        };
        var remove = new List<string>();
        if (fields.TimeZone is { } zone)
        {
            names["#zone"] = ProfileContract.TimeZone;
            values[":zone"] = Attributes.S(zone);
            set.Add("#zone = :zone");
        }

        SetOrRemove("birthDate", fields.BirthDate is { } birth ? Attributes.S(Timestamps.ToApi(birth)) : null, set, remove, values);
        SetOrRemove("heightCm", fields.HeightCm is { } height ? Attributes.N(height) : null, set, remove, values);
        SetOrRemove("experienceLevel", fields.ExperienceLevel is { } level ? Attributes.S(level) : null, set, remove, values);

        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = Key(userId),
            UpdateExpression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : string.Empty),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
            ConditionExpression = Versioning.Condition(precondition, names, values),
        };

        try
        {
            var stored = await FencedWrites.UpdateItemAsync(_client, request, cancellationToken).ConfigureAwait(false);
            return ProfileMapper.FromItem(stored!);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConcurrencyConflictException(precondition, "The profile is not in the state the request's precondition names.", ex);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string userId) => new()
    {
        [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
        [Keys.SortKey] = Attributes.S(Keys.ProfileSortKey),
    };

    private static void SetOrRemove(string name, AttributeValue? value, List<string> set, List<string> remove, Dictionary<string, AttributeValue> values)
    {
        if (value is null)
        {
            remove.Add(name);
            return;
        }

        values[":" + name] = value;
        set.Add($"{name} = :{name}");
    }
}
