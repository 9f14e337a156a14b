using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Text;
using GymCoach.Profiles.Domain;
using GymCoach.Data.Contracts;

namespace GymCoach.Profiles.Data;

/// <summary>Item ↔ <see cref="Measurement"/>.</summary>
public static class MeasurementMapper
{
    public const string Entity = EntityTypes.Measurement;

    public static Dictionary<string, AttributeValue> ToItem(string userId, Measurement measurement)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [Keys.PartitionKey] = Attributes.S(Keys.User(userId)),
            [Keys.SortKey] = Attributes.S(Keys.Measurement(measurement.Date, measurement.Id)),
            [Keys.EntityType] = Attributes.S(Entity),
            ["id"] = Attributes.S(measurement.Id),
            [MeasurementContract.Date] = Attributes.S(Timestamps.ToApi(measurement.Date)),
            ["createdAt"] = Attributes.S(Timestamps.ToApi(measurement.CreatedAt)),
        };
        item.SetIfNotNull(MeasurementContract.WeightKg, measurement.WeightKg is { } weight ? Attributes.N(weight) : null);
        item.SetIfNotNull(MeasurementContract.BodyFatPct, measurement.BodyFatPct is { } fat ? Attributes.N(fat) : null);
        if (measurement.GirthsCm.Count > 0)
        {
            item["girths"] = new AttributeValue { M = measurement.GirthsCm.ToDictionary(g => g.Key, g => Attributes.N(g.Value)) };
        }

        return item;
    }

    public static Measurement FromItem(Dictionary<string, AttributeValue> item)
    {
        var girths = item.TryGetValue("girths", out var g) && g.M is { } map
            ? map.Where(p => p.Value.N is not null).ToDictionary(p => p.Key, p => p.Value.AsDouble()!.Value)
            : [];
        return new Measurement(
            item.GetRequiredString("id"),
            item.GetRequiredDate("date"),
            item.GetDouble("weightKg"),
            item.GetDouble(MeasurementContract.BodyFatPct),
            girths,
            Timestamps.Parse(item.GetRequiredString("createdAt")));
    }
}
