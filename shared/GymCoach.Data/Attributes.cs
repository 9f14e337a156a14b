using System.Globalization;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Text;

namespace GymCoach.Data;

/// <summary>
/// Helpers for hand-written item mappers. SDK v4 leaves absent collections <c>null</c> (not empty), so every
/// reader here treats null and missing alike.
/// </summary>
public static class Attributes
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue StringList(IEnumerable<string> values) => new() { L = values.Select(S).ToList() };

    public static string? GetString(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.S : null;

    public static string GetRequiredString(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetString(name) ?? throw new InvalidDataException($"Item {item.GetString(Keys.PartitionKey)}/{item.GetString(Keys.SortKey)} has no '{name}'.");

    /// <summary>An optional date attribute (YYYY-MM-DD); present but unreadable is corrupt data, not "absent".</summary>
    public static DateOnly? GetDate(this Dictionary<string, AttributeValue>? item, string name) =>
        item.GetString(name) is not { } text ? null
        : Timestamps.TryParseDate(text, out var date) ? date
        : throw new InvalidDataException($"Item {item.GetString(Keys.PartitionKey)}/{item.GetString(Keys.SortKey)} has an unreadable date in '{name}'.");

    public static DateOnly GetRequiredDate(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetDate(name) ?? throw new InvalidDataException($"Item {item.GetString(Keys.PartitionKey)}/{item.GetString(Keys.SortKey)} has no '{name}'.");

    public static long? GetLong(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;

    public static double? GetDouble(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.N is { } n
            ? double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    public static double? AsDouble(this AttributeValue value) =>
        value.N is { } n ? double.Parse(n, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public static bool? GetBool(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.BOOL : null;

    public static List<string> GetStringList(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.L is { } list
            ? list.Where(v => v.S is not null).Select(v => v.S).ToList()
            : [];

    /// <summary>Adds <paramref name="value"/> when it is not null; mappers stay one line a field.</summary>
    public static void SetIfNotNull(this Dictionary<string, AttributeValue> item, string name, AttributeValue? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }
}
