using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>Item ↔ <see cref="Profile"/>, written by hand because DynamoDBContext's reflection does not survive AOT.</summary>
public static class ProfileMapper
{
    public const string Entity = EntityTypes.Profile;

    public static Profile FromItem(Dictionary<string, AttributeValue> item)
    {
        return new Profile(
            item.GetRequiredString("userId"),
            item.GetRequiredString(ProfileContract.DisplayName),
            item.GetString(ProfileContract.Units) ?? ProfileContract.DefaultUnits,
            item.GetDate("birthDate"),
            item.GetDouble("heightCm"),
            item.GetString("experienceLevel"),
            item.GetStringList("goals"),
            item.GetStringList("equipment"),
            item.GetLong(Keys.Version) ?? 0,
            Timestamps.Parse(item.GetRequiredString("createdAt")),
            Timestamps.Parse(item.GetRequiredString("updatedAt")))
        {
            TimeZone = item.GetString(ProfileContract.TimeZone) ?? GymCoach.Data.Calendar.LocalCalendar.DefaultZone,
        };
    }
}
