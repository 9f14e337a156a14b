using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GymCoach.Data.Contracts;

namespace GymCoach.Data.Calendar;

/// <summary>
/// The lifter's time zone as their profile states it, for services that read days (a list's from/to) and do not own
/// the profile. One eventually consistent GetItem of one attribute, made only when a request names a day.
/// </summary>
public sealed class LifterZones(IAmazonDynamoDB client, string table)
{
    public async Task<string> OfAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest
            {
                TableName = table,
                Key = new() { [Keys.PartitionKey] = Attributes.S(Keys.User(userId)), [Keys.SortKey] = Attributes.S(Keys.ProfileSortKey) },
                ProjectionExpression = "#zone",
                ExpressionAttributeNames = new() { ["#zone"] = ProfileContract.TimeZone },
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item?.GetString(ProfileContract.TimeZone) is { } zone && LocalCalendar.IsZone(zone) ? zone : LocalCalendar.DefaultZone;
    }
}
